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
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * A setting of redis-cache has a value it cannot use. The field is named as in the
 * properties (for example {@code lease.time}), so that a glue module can name the full
 * property without parsing the message.
 *
 * @author redis-cache authors
 */
public class InvalidSettingException extends IllegalArgumentException {

	private static final Map<ChronoUnit, String> UNITS = Map.of(ChronoUnit.DAYS, "d", ChronoUnit.HOURS, "h",
			ChronoUnit.MINUTES, "m", ChronoUnit.SECONDS, "s");

	private final String field;

	@Nullable
	private final transient Object value;

	private final String reason;

	private final String hint;

	/**
	 * Create an exception.
	 * @param field the field, in property form such as {@code lease.time}
	 * @param value the value that was given (never a secret)
	 * @param reason what is wrong with it
	 * @param hint how to fix it
	 */
	public InvalidSettingException(String field, @Nullable Object value, String reason, String hint) {
		super(field + " " + reason + ", was " + display(value));
		this.field = field;
		this.value = value;
		this.reason = reason;
		this.hint = hint;
	}

	/**
	 * Return a value as property values are written: a duration in its largest whole unit
	 * ({@code 30m}, {@code 500ms}), anything else as its string.
	 * @param value the value
	 * @return the text
	 */
	public static String display(@Nullable Object value) {
		if (!(value instanceof Duration duration)) {
			return String.valueOf(value);
		}
		long millis = duration.toMillis();
		if (millis == 0) {
			return "0s";
		}
		for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
				ChronoUnit.SECONDS }) {
			long size = unit.getDuration().toMillis();
			if (millis % size == 0) {
				return (millis / size) + UNITS.get(unit);
			}
		}
		return millis + "ms";
	}

	/**
	 * Return the field whose value is invalid.
	 * @return the field in property form
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * Return the value that was given.
	 * @return the value
	 */
	@Nullable
	public Object getValue() {
		return this.value;
	}

	/**
	 * Return what is wrong with the value.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return how to fix the value.
	 * @return the hint
	 */
	public String getHint() {
		return this.hint;
	}

}
