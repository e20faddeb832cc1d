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
package io.github.rediscache.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import io.github.rediscache.settings.InvalidSettingException;

import org.springframework.boot.convert.DurationStyle;

/**
 * Thrown at start-up when a property that redis-cache relies on has a value it cannot
 * use. The message names the property and the value; {@link #getAction()} says how to fix
 * it.
 *
 * @author redis-cache authors
 */
public class InvalidRedisCachePropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the full property name
	 * @param value the value that was set (never a secret)
	 * @param reason what is wrong with it
	 * @param action how to fix it
	 */
	public InvalidRedisCachePropertyException(String property, Object value, String reason, String action) {
		super("Invalid value '" + display(value) + "' for property '" + property + "': " + reason);
		this.property = property;
		this.action = action;
	}

	/**
	 * Run a mapping of properties to settings, turning a setting the core refuses into
	 * this exception, named with the property prefix and the setting's field.
	 * @param <T> the settings type
	 * @param prefix the property prefix with its trailing dot, such as
	 * {@code redis-cache.client.}; empty when the field already is the full name
	 * @param mapping creates the settings
	 * @return the settings
	 */
	static <T> T named(String prefix, Supplier<T> mapping) {
		try {
			return mapping.get();
		}
		catch (InvalidSettingException ex) {
			throw new InvalidRedisCachePropertyException(prefix + ex.getField(), ex.getValue(), ex.getReason(),
					ex.getHint());
		}
	}

	/**
	 * Like {@link #named(String, Supplier)}, for settings that come from one property
	 * whatever the field.
	 * @param <T> the settings type
	 * @param property the full property name
	 * @param mapping creates the settings
	 * @return the settings
	 */
	static <T> T namedAs(String property, Supplier<T> mapping) {
		try {
			return mapping.get();
		}
		catch (InvalidSettingException ex) {
			throw new InvalidRedisCachePropertyException(property, ex.getValue(), ex.getReason(), ex.getHint());
		}
	}

	private static String display(Object value) {
		if (!(value instanceof Duration duration)) {
			return String.valueOf(value);
		}
		if (duration.isZero()) {
			return "0s";
		}
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
				ChronoUnit.SECONDS }) {
			if (duration.toMillis() % unit.getDuration().toMillis() == 0) {
				return DurationStyle.SIMPLE.print(duration, unit);
			}
		}
		return DurationStyle.SIMPLE.print(duration, ChronoUnit.MILLIS);
	}

	/**
	 * Return the property whose value is invalid.
	 * @return the full property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return how to fix the value.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
