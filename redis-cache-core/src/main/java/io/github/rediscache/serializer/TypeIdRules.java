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

import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The rules of the cache's JSON that do not depend on a Jackson generation: which class
 * names an entry may name, which types carry a class name and how the JDK's unmodifiable
 * collections are named. The Jackson 2 and Jackson 3 serializations both apply these
 * rules, so an entry written by one is read by the other.
 *
 * @author redis-cache authors
 */
final class TypeIdRules implements Serializable {

	private static final long serialVersionUID = 1L;

	private static final Set<String> JDK_VALUE_TYPES = Set.of("java.lang.String", "java.lang.Boolean",
			"java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
			"java.lang.Float", "java.lang.Double", "java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
			"java.util.Date", "java.net.URI", "java.util.Locale", "java.util.Currency", "java.util.ArrayList",
			"java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
			"java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.EnumMap",
			"java.util.EnumSet", "java.util.Optional");

	private static final List<String> JDK_PREFIXES = List.of("java.time.", "java.util.ImmutableCollections$",
			"java.util.Collections$", "java.util.Arrays$");

	private final List<String> prefixes;

	private TypeIdRules(List<String> prefixes) {
		this.prefixes = prefixes;
	}

	/**
	 * Create the rules for an allow-list of packages.
	 * @param packages packages whose classes may be named, such as
	 * {@code com.example.catalogue}
	 * @return the rules
	 * @throws IllegalArgumentException if a name is not a package name
	 */
	static TypeIdRules forPackages(Collection<String> packages) {
		List<String> prefixes = new ArrayList<>(JDK_PREFIXES);
		for (String name : packages) {
			Assert.isTrue(name != null && name.matches("[\\p{javaJavaIdentifierPart}.]+") && !name.startsWith(".")
					&& !name.endsWith("."), () -> "'" + name + "' is not a package name");
			prefixes.add(name + ".");
		}
		return new TypeIdRules(List.copyOf(prefixes));
	}

	/**
	 * Whether a class named in an entry may be instantiated as a value of a declared
	 * type.
	 * @param declaredType the declared type's class name
	 * @param className the class name written in the entry
	 * @return whether it may
	 */
	boolean allowed(String declaredType, String className) {
		return className.equals(declaredType) || allowed(className);
	}

	boolean allowed(String className) {
		if (className.startsWith("[")) {
			String component = className.substring(1);
			if (component.startsWith("[")) {
				return allowed(component);
			}
			if (component.startsWith("L") && component.endsWith(";")) {
				return allowed(component.substring(1, component.length() - 1));
			}
			return component.length() == 1 && "ZBCSIJFD".contains(component);
		}
		return JDK_VALUE_TYPES.contains(className) || this.prefixes.stream().anyMatch(className::startsWith);
	}

	/**
	 * Whether a value declared as a class, arrays and references already unwrapped,
	 * carries a class name: only where the declared class does not say what the value is.
	 * @param raw the declared class
	 * @param isEnum whether it is an enum
	 * @param isJsonTree whether it is one of Jackson's tree types
	 * @return whether values of it are named
	 */
	static boolean named(Class<?> raw, boolean isEnum, boolean isJsonTree) {
		if (isEnum || isJsonTree || ClassUtils.isPrimitiveOrWrapper(raw) || raw == BigDecimal.class
				|| raw == BigInteger.class) {
			return false;
		}
		return !Modifier.isFinal(raw.getModifiers());
	}

	/**
	 * Return the name written for a value: the JDK's unmodifiable and wrapper collections
	 * are named by the modifiable type Jackson builds when reading them.
	 * @param value the value
	 * @param id the class name Jackson would write
	 * @return the class name to write
	 */
	static String portableId(Object value, String id) {
		if (value instanceof EnumSet) {
			return "java.util.EnumSet";
		}
		if (id == null || !(id.startsWith("java.util.ImmutableCollections$") || id.startsWith("java.util.Collections$")
				|| id.startsWith("java.util.Arrays$"))) {
			return id;
		}
		if (value instanceof List) {
			return "java.util.ArrayList";
		}
		if (value instanceof SortedSet) {
			return "java.util.TreeSet";
		}
		if (value instanceof Set) {
			return "java.util.LinkedHashSet";
		}
		if (value instanceof SortedMap) {
			return "java.util.TreeMap";
		}
		if (value instanceof Map) {
			return "java.util.LinkedHashMap";
		}
		return id;
	}

}
