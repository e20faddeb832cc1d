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
package io.github.rediscache.serializer;

import java.util.List;
import java.util.Random;

/**
 * Generates cache entries whose type ids nest JDK collections and maps, arrays, allowed
 * names and foreign ones (canary classes whose static initializers and constructors
 * count, and names of no class at all) at random depths, in both of the shapes Jackson
 * reads: a wrapper array ({@code ["id",value]}) and an object with {@code @class}.
 */
final class HostileTypeIds {

	static final List<String> FOREIGN = List.of("io.github.rediscache.hostile.StaticCanary",
			"io.github.rediscache.hostile.KeyCanary", "io.github.rediscache.hostile.Canary", "x.Foreign",
			"com.sun.rowset.JdbcRowSetImpl");

	private static final List<String> ALLOWED = List.of("java.lang.String", "java.lang.Long", "java.lang.Object",
			"io.github.rediscache.autoconfigure.app.Product");

	private static final List<String> SINGLE = List.of("java.util.ArrayList", "java.util.HashSet",
			"java.util.LinkedList", "java.util.Optional", "io.github.rediscache.hostile.ListCanary");

	private static final List<String> PAIRED = List.of("java.util.HashMap", "java.util.LinkedHashMap",
			"java.util.TreeMap", "java.util.EnumMap");

	private final Random random;

	HostileTypeIds(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * Return an entry.
	 * @return the JSON of an entry
	 */
	String entry() {
		return value(3);
	}

	/**
	 * Return a type id of at most the given depth.
	 */
	String typeId(int depth) {
		int pick = this.random.nextInt(depth > 0 ? 5 : 2);
		return switch (pick) {
			case 0 -> leaf();
			case 1 -> "[L" + leaf() + ";";
			case 2 -> "[" + "[L" + leaf() + ";";
			case 3 -> pick(SINGLE) + "<" + typeId(depth - 1) + ">";
			default -> pick(PAIRED) + "<" + typeId(depth - 1) + "," + typeId(depth - 1) + ">";
		};
	}

	private String value(int depth) {
		String id = typeId(depth);
		String content = (depth > 0) ? content(depth - 1) : "\"x\"";
		if (this.random.nextBoolean()) {
			return "[\"" + id + "\"," + content + "]";
		}
		String members = content.startsWith("{") && content.length() > 2
				? "," + content.substring(1, content.length() - 1) : "";
		return "{\"@class\":\"" + id + "\"" + members + "}";
	}

	private String content(int depth) {
		return switch (this.random.nextInt(6)) {
			case 0 -> "[]";
			case 1 -> "[" + value(depth) + "," + value(depth) + "]";
			case 2 -> "{\"1\":" + value(depth) + "}";
			case 3 -> "{\"payload\":\"x\"}";
			case 4 -> "\"x\"";
			default -> "{}";
		};
	}

	private String leaf() {
		return pick(this.random.nextInt(3) == 0 ? FOREIGN : ALLOWED);
	}

	private String pick(List<String> names) {
		return names.get(this.random.nextInt(names.size()));
	}

}
