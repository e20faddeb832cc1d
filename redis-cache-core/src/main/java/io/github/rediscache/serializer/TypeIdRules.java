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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.regex.Pattern;

import io.github.rediscache.settings.InvalidSettingException;

import org.springframework.lang.Nullable;
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

	/**
	 * What separates the names of a canonical generic type, as Jackson's parser reads it.
	 */
	private static final Pattern TYPE_SEPARATORS = Pattern.compile("[<>,\\s]+");

	private final List<String> prefixes;

	private TypeIdRules(List<String> prefixes) {
		this.prefixes = prefixes;
	}

	/**
	 * Create the rules for an allow-list of packages.
	 * @param packages packages whose classes may be named, such as
	 * {@code com.example.catalogue}
	 * @return the rules
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	static TypeIdRules forPackages(Collection<String> packages) {
		List<String> prefixes = new ArrayList<>(JDK_PREFIXES);
		for (String name : packages) {
			if (name == null || !name.matches("[\\p{javaJavaIdentifierPart}.]+") || name.startsWith(".")
					|| name.endsWith(".")) {
				throw new InvalidSettingException("allowed-packages", packages, "'" + name + "' is not a package name",
						"List package names such as com.example.catalogue.");
			}
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

	/**
	 * Return the first class name in a type id that may not be read as a value of a
	 * declared type, judging every name the id holds (its raw class, each type parameter
	 * at any depth, array components) before any of them is loaded. Only the names the
	 * declared type itself holds are exempt from the allow-list, and {@code Object} may
	 * stand as a type parameter.
	 * @param declared the names in the declared type, from {@link #namesIn(String)}
	 * @param typeId the type id written in the entry, such as
	 * {@code java.util.HashMap<java.lang.Long,com.example.Product>}
	 * @return the refused name, or {@code null} if every name is allowed
	 */
	@Nullable
	String refusedName(Set<String> declared, String typeId) {
		if (typeId.indexOf('<') < 0) {
			return (declared.contains(typeId) || allowed(typeId)) ? null : typeId;
		}
		boolean parameter = false;
		for (String name : namesIn(typeId)) {
			boolean objectParameter = parameter && name.equals("java.lang.Object");
			if (!objectParameter && !declared.contains(name) && !allowed(name)) {
				return name;
			}
			parameter = true;
		}
		return null;
	}

	/**
	 * Return the class names in a canonical type, such as Jackson's
	 * {@code JavaType.toCanonical()} or a generic type id, in order: the raw class first.
	 * @param canonical the canonical type
	 * @return the names
	 */
	static Set<String> namesIn(String canonical) {
		Set<String> names = new LinkedHashSet<>();
		for (String name : TYPE_SEPARATORS.split(canonical)) {
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
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
	 * Whether a value of a declared type carries a class name: the cache's values always
	 * do, so that an entry says what it holds and one of another type is refused rather
	 * than read as an empty instance; below them, only values whose declared class does
	 * not say what they are ({@code Object}, an interface, an abstract or non-final
	 * class), enums, numbers and Jackson's trees excepted.
	 * @param rootType the declared type of the cache's values
	 * @param declared the declared class of the value
	 * @param content the declared class with arrays and references ({@code Optional})
	 * unwrapped
	 * @param treeType the tree node type of the Jackson generation
	 * @return whether values of it are named
	 */
	static boolean named(Class<?> rootType, Class<?> declared, Class<?> content, Class<?> treeType) {
		if (declared == Object.class || declared == rootType) {
			return true;
		}
		if (content.isEnum() || Enum.class.isAssignableFrom(content) || treeType.isAssignableFrom(content)
				|| ClassUtils.isPrimitiveOrWrapper(content) || content == BigDecimal.class
				|| content == BigInteger.class) {
			return false;
		}
		return !Modifier.isFinal(content.getModifiers());
	}

	/**
	 * Return the message of a refused type id.
	 * @param refused the name that was refused
	 * @param typeId the type id that named it
	 * @return the message
	 */
	static String refusal(String refused, String typeId) {
		String where = refused.equals(typeId) ? "" : " in type id '" + typeId + "'";
		return "Class '" + refused + "'" + where
				+ " is not allowed in a cached value; if it is the application's own, add its package to the allowed packages";
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
