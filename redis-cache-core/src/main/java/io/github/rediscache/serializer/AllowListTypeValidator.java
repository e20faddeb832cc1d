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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

import org.springframework.util.Assert;

/**
 * Decides, by name and before any class is loaded, which class names written in Redis may
 * be instantiated: the declared type itself, the classes of the given packages (by
 * default the application's own), {@code java.time}, the JDK value and collection types
 * people cache, and arrays whose component type is allowed. Everything else is refused,
 * so a hostile entry can neither name a gadget class nor load one through an array of
 * {@code Class} or {@code URL}.
 *
 * @author redis-cache authors
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

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

	private AllowListTypeValidator(List<String> prefixes) {
		this.prefixes = prefixes;
	}

	/**
	 * Create a validator that allows the classes of the given packages (and their
	 * sub-packages), arrays of allowed types, and common JDK value and collection types.
	 * @param packages package names such as {@code com.example.catalogue}
	 * @return the validator
	 */
	static PolymorphicTypeValidator forPackages(Collection<String> packages) {
		List<String> prefixes = new ArrayList<>(JDK_PREFIXES);
		for (String name : packages) {
			Assert.isTrue(name != null && name.matches("[\\p{javaJavaIdentifierPart}.]+") && !name.startsWith(".")
					&& !name.endsWith("."), () -> "'" + name + "' is not a package name");
			prefixes.add(name + ".");
		}
		return new AllowListTypeValidator(List.copyOf(prefixes));
	}

	@Override
	public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
		return Validity.INDETERMINATE;
	}

	/**
	 * Allow a class name that is the declared type itself (the application's own method
	 * or {@code value-type} says so) or on the list; refuse every other.
	 */
	@Override
	public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
		return (subClassName.equals(baseType.getRawClass().getName()) || allowed(subClassName)) ? Validity.ALLOWED
				: Validity.DENIED;
	}

	@Override
	public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
		return validateSubClassName(config, baseType, subType.getRawClass().getName());
	}

	/**
	 * Whether a class name is allowed; an array ({@code [Lcom.example.Product;},
	 * {@code [I}) is allowed when its component type is.
	 */
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

}
