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

import java.util.List;

/**
 * Keys under {@code redis-cache.*} that no property has stopped start-up.
 *
 * @author redis-cache authors
 */
class UnknownRedisCachePropertyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<String> unknown;

	UnknownRedisCachePropertyException(List<String> unknown) {
		super("Unknown redis-cache properties: " + String.join("; ", unknown));
		this.unknown = List.copyOf(unknown);
	}

	/**
	 * Return a line per unknown key, with where it was set and the nearest valid key.
	 * @return the lines
	 */
	List<String> unknown() {
		return this.unknown;
	}

}
