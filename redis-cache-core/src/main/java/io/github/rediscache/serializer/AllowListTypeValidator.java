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

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

import org.springframework.util.Assert;

/**
 * Builds the {@link PolymorphicTypeValidator} that decides which class names written in
 * Redis may be instantiated: the given packages (by default the application's own) and
 * the JDK value and collection types people cache. Everything else is refused, so a
 * hostile entry cannot name a gadget class.
 *
 * @author redis-cache authors
 */
final class AllowListTypeValidator {

	private static final List<Class<?>> JDK_VALUE_TYPES = List.of(String.class, Boolean.class, Character.class,
			Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class,
			BigInteger.class, UUID.class, Date.class, URI.class, Locale.class, Currency.class, ArrayList.class,
			LinkedList.class, HashMap.class, LinkedHashMap.class, TreeMap.class, HashSet.class, LinkedHashSet.class,
			TreeSet.class);

	private static final List<String> JDK_PREFIXES = List.of("java.time.", "java.util.ImmutableCollections$",
			"java.util.Collections", "java.util.Collections", "java.util.Collections", "java.util.Arrays");

	private AllowListTypeValidator() {
	}

	/**
	 * Create a validator that allows the classes of the given packages (and their
	 * sub-packages), arrays, and common JDK value and collection types.
	 * @param packages package names such as {@code com.example.catalogue}
	 * @return the validator
	 */
	static PolymorphicTypeValidator forPackages(Collection<String> packages) {
		BasicPolymorphicTypeValidator.Builder builder = BasicPolymorphicTypeValidator.builder().allowIfSubTypeIsArray();
		for (String name : packages) {
			Assert.isTrue(name != null && name.matches("[\\p{javaJavaIdentifierPart}.]+") && !name.startsWith(".")
					&& !name.endsWith("."), () -> "'" + name + "' is not a package name");
			builder.allowIfSubType(name + ".");
		}
		JDK_VALUE_TYPES.forEach(builder::allowIfSubType);
		JDK_PREFIXES.forEach(builder::allowIfSubType);
		return builder.build();
	}

}
