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

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.ResolvableType;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Reads type names as Java writes them, generics and arrays included, such as
 * {@code java.util.Map<java.lang.Long, com.example.ProductDto>} or
 * {@code com.example.ProductDto[]}.
 *
 * @author redis-cache authors
 */
public final class TypeNames {

	private static final String HINT = "Set the fully qualified name of the cached value's type, generics allowed "
			+ "(such as java.util.Map<java.lang.Long, com.example.ProductDto>), or remove the property to use the "
			+ "declared return type of each @Cacheable method.";

	private TypeNames() {
	}

	/**
	 * Read a type name.
	 * @param field the field in property form, for errors
	 * @param name the type name
	 * @param classLoader where classes are loaded from
	 * @return the type: a {@code Class}, or a parameterized or array type
	 * @throws InvalidSettingException if the name is malformed or names a missing class
	 */
	public static Type parse(String field, String name, @Nullable ClassLoader classLoader) {
		try {
			return resolve(name.trim(), classLoader).getType();
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidSettingException(field, name, "no such class on the classpath", HINT);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException(field, name, "not a type name (" + ex.getMessage() + ")", HINT);
		}
	}

	private static ResolvableType resolve(String name, @Nullable ClassLoader classLoader)
			throws ClassNotFoundException {
		if (name.endsWith("[]")) {
			return ResolvableType.forArrayComponent(resolve(name.substring(0, name.length() - 2).trim(), classLoader));
		}
		int open = name.indexOf('<');
		if (open < 0) {
			return ResolvableType.forClass(ClassUtils.forName(name, classLoader));
		}
		if (!name.endsWith(">")) {
			throw new IllegalArgumentException("'<' without a closing '>'");
		}
		Class<?> raw = ClassUtils.forName(name.substring(0, open).trim(), classLoader);
		List<String> arguments = split(name.substring(open + 1, name.length() - 1));
		if (arguments.size() != raw.getTypeParameters().length) {
			throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
					+ " type arguments, not " + arguments.size());
		}
		ResolvableType[] generics = new ResolvableType[arguments.size()];
		for (int i = 0; i < generics.length; i++) {
			generics[i] = resolve(arguments.get(i), classLoader);
		}
		return ResolvableType.forClassWithGenerics(raw, generics);
	}

	private static List<String> split(String arguments) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		int start = 0;
		for (int i = 0; i < arguments.length(); i++) {
			char c = arguments.charAt(i);
			depth += (c == '<') ? 1 : (c == '>') ? -1 : 0;
			if (c == ',' && depth == 0) {
				parts.add(arguments.substring(start, i).trim());
				start = i + 1;
			}
		}
		parts.add(arguments.substring(start).trim());
		if (depth != 0 || parts.contains("")) {
			throw new IllegalArgumentException("unbalanced '<' and '>' or an empty type argument");
		}
		return parts;
	}

}
