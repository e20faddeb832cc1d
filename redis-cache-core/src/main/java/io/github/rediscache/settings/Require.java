/*
 * Copyright 2026 the redis-cache authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.rediscache.settings;

import java.time.Duration;

import org.springframework.lang.Nullable;

/**
 * Checks of setting values that throw {@link InvalidSettingException} naming the field.
 *
 * @author redis-cache authors
 */
public final class Require {

	private static final String NODE_ADDRESS = "(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]+):([0-9]{1,5})";

	private Require() {
	}

	/**
	 * Require a positive duration.
	 * @param field the field in property form
	 * @param value the value
	 * @return the value
	 */
	public static Duration positive(String field, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(field, value, "must be a positive duration",
					"Set a positive duration, such as 500ms, 5s or 30m.");
		}
		return value;
	}

	/**
	 * Require a duration that is zero or positive.
	 * @param field the field in property form
	 * @param value the value
	 * @return the value
	 */
	public static Duration notNegative(String field, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidSettingException(field, value, "must be zero or a positive duration",
					"Set a duration such as 30s, or 0 to turn it off.");
		}
		return value;
	}

	/**
	 * Require a whole number of at least the given minimum.
	 * @param field the field in property form
	 * @param value the value
	 * @param min the smallest allowed value
	 * @param hint how to fix a smaller value
	 * @return the value
	 */
	public static int atLeast(String field, int value, int min, String hint) {
		if (value < min) {
			throw new InvalidSettingException(field, value, "must be at least " + min, hint);
		}
		return value;
	}

	/**
	 * Require a percentage in the given range.
	 * @param field the field in property form
	 * @param value the value
	 * @param min the smallest allowed value
	 * @param max the largest allowed value
	 * @return the value
	 */
	public static double percentage(String field, double value, double min, double max) {
		if (!(value >= min && value <= max)) {
			throw new InvalidSettingException(field, value,
					"must be between " + format(min) + " and " + format(max) + " (percent)",
					"Set a percentage between " + format(min) + " and " + format(max) + ".");
		}
		return value;
	}

	/**
	 * Require a positive, finite number.
	 * @param field the field in property form
	 * @param value the value
	 * @return the value
	 */
	public static double positiveNumber(String field, double value) {
		if (!(value > 0 && Double.isFinite(value))) {
			throw new InvalidSettingException(field, value, "must be a positive number",
					"Set a positive number, such as 1.0.");
		}
		return value;
	}

	/**
	 * Require a value to be set.
	 * @param <T> the type
	 * @param field the field in property form
	 * @param value the value
	 * @return the value
	 */
	public static <T> T present(String field, @Nullable T value) {
		if (value == null) {
			throw new InvalidSettingException(field, null, "must be set", "Set a value or remove the property.");
		}
		return value;
	}

	/**
	 * Require a Redis node address: {@code host:port} or {@code [ipv6]:port} with a port
	 * from 1 to 65535.
	 * @param field the field in property form
	 * @param value the address
	 * @return the address
	 */
	public static String nodeAddress(String field, String value) {
		String trimmed = value.trim();
		boolean valid = trimmed.matches(NODE_ADDRESS);
		if (valid) {
			int port = Integer.parseInt(trimmed.substring(trimmed.lastIndexOf(':') + 1));
			valid = port > 0 && port <= 65535;
		}
		if (!valid) {
			throw new InvalidSettingException(field, value, "not a host:port address",
					"List cluster nodes as host:port separated by commas, such as "
							+ "clustercfg.my-cache.abc123.use1.cache.amazonaws.com:6379 for an ElastiCache "
							+ "configuration endpoint.");
		}
		return trimmed;
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

}
