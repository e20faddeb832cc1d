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
package io.github.rediscache.cache.near;

import org.springframework.lang.Nullable;

/**
 * Reads the line {@code CLIENT INFO} answers, such as
 * {@code id=7 addr=127.0.0.1:5000 ... flags=t ... resp=3 ...}.
 *
 * @author redis-cache authors
 */
final class ClientInfo {

	private ClientInfo() {
	}

	/**
	 * Return the connection's client id.
	 * @param info the line
	 * @return the id, or -1 if the line has none
	 */
	static long id(String info) {
		String id = field(info, "id");
		try {
			return (id != null) ? Long.parseLong(id) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Whether the connection tracks keys for client-side caching (flag {@code t}).
	 * @param info the line
	 * @return whether it does
	 */
	static boolean tracking(String info) {
		String flags = field(info, "flags");
		return flags != null && flags.indexOf('t') >= 0;
	}

	/**
	 * Return a field of the line.
	 * @param info the line
	 * @param name the field's name
	 * @return its value, or {@code null} if the line has no such field
	 */
	@Nullable
	static String field(String info, String name) {
		String line = info.strip();
		int at = line.startsWith(name + "=") ? 0 : line.indexOf(" " + name + "=") + 1;
		if (at <= 0 && !line.startsWith(name + "=")) {
			return null;
		}
		int start = at + name.length() + 1;
		int end = line.indexOf(' ', start);
		return line.substring(start, (end < 0) ? line.length() : end);
	}

}
