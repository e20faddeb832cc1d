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

import java.util.function.Function;
import java.util.function.Supplier;

import io.github.rediscache.settings.InvalidSettingException;

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
		super("Invalid value '" + InvalidSettingException.display(value) + "' for property '" + property + "': "
				+ reason);
		this.property = property;
		this.action = action;
	}

	/**
	 * Map properties to settings, naming a value the core refuses by the prefix and the
	 * setting's field (an empty prefix when the field is the full name).
	 */
	static <T> T named(String prefix, Supplier<T> mapping) {
		return mapped(mapping, (ex) -> prefix + ex.getField());
	}

	/**
	 * Map one property to settings, naming a value the core refuses by that property.
	 */
	static <T> T namedAs(String property, Supplier<T> mapping) {
		return mapped(mapping, (ex) -> property);
	}

	private static <T> T mapped(Supplier<T> mapping, Function<InvalidSettingException, String> property) {
		try {
			return mapping.get();
		}
		catch (InvalidSettingException ex) {
			throw new InvalidRedisCachePropertyException(property.apply(ex), ex.getValue(), ex.getReason(),
					ex.getHint());
		}
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
