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

import java.beans.PropertyDescriptor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.lang.Nullable;

/**
 * Finds keys under {@code redis-cache.*} that no property has (a misspelling such as
 * {@code redis-cache.caches.products.tll}), each with where it was set and the nearest
 * valid key, and stops start-up or, with {@code redis-cache.unknown-properties=warn},
 * logs them. Keys of the embedded Redis ({@code redis-cache.embedded.*}) belong to
 * another module and are left to it.
 *
 * @author redis-cache authors
 */
final class UnknownRedisCacheProperties {

	private static final Log logger = LogFactory.getLog(UnknownRedisCacheProperties.class);

	private static final String PREFIX = "redis-cache";

	private static final Node SCHEMA = Node.of(RedisCacheProperties.class, 0);

	/**
	 * Keys that were renamed, by their last element: the IDE metadata marks them
	 * deprecated with the same replacement.
	 */
	private static final Map<String, String> RENAMED = Map.of("ttl-jitter", "ttl-jitter-percent");

	private UnknownRedisCacheProperties() {
	}

	/**
	 * Check the keys under {@code redis-cache.*}.
	 * @param binder the binder of the application's environment
	 * @param mode what an unknown key does
	 * @throws UnknownRedisCachePropertyException in {@code fail} mode, if a key is
	 * unknown
	 */
	static void check(Binder binder, RedisCacheProperties.UnknownProperties mode) {
		List<String> unknown = find(binder);
		if (unknown.isEmpty()) {
			return;
		}
		if (mode == RedisCacheProperties.UnknownProperties.WARN) {
			logger.warn("Unknown redis-cache properties, ignored (redis-cache.unknown-properties=warn): "
					+ String.join("; ", unknown));
			return;
		}
		throw new UnknownRedisCachePropertyException(unknown);
	}

	/**
	 * Return a line per unknown key: the key, where it was set and, if one is near, the
	 * valid key it was probably meant as.
	 */
	static List<String> find(Binder binder) {
		try {
			binder.bind(PREFIX, Bindable.of(RedisCacheProperties.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			return List.of();
		}
		catch (BindException ex) {
			if (!(ex.getCause() instanceof UnboundConfigurationPropertiesException unbound)) {
				// A bad value: the binding of the settings reports it with the property.
				return List.of();
			}
			List<String> lines = new ArrayList<>();
			unbound.getUnboundProperties()
				.stream()
				.filter((property) -> !property.getName().toString().startsWith(PREFIX + ".embedded"))
				.sorted(Comparator.comparing((ConfigurationProperty property) -> property.getName().toString()))
				.forEach((property) -> lines.add(describe(property)));
			return lines;
		}
	}

	private static String describe(ConfigurationProperty property) {
		String name = property.getName().toString();
		StringBuilder line = new StringBuilder("'").append(name).append("'");
		if (property.getOrigin() != null) {
			line.append(" (").append(property.getOrigin()).append(")");
		}
		String suggestion = suggest(property.getName());
		if (suggestion != null) {
			line.append(": did you mean '").append(suggestion).append("'?");
		}
		else {
			line.append(": no such property");
		}
		return line.toString();
	}

	/**
	 * Walk the key down the properties: the first element no property has is replaced by
	 * the nearest one that exists there, if it is near enough to be a misspelling.
	 */
	@Nullable
	static String suggest(ConfigurationPropertyName name) {
		Node node = SCHEMA;
		List<String> elements = new ArrayList<>();
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			Node child = (node.map != null) ? node.map : node.children.get(element);
			if (child == null) {
				String renamed = RENAMED.get(element);
				String nearest = (renamed != null && node.children.containsKey(renamed)) ? renamed
						: nearest(element, node.children.keySet());
				if (nearest == null) {
					return null;
				}
				elements.add(nearest);
				for (int rest = i + 1; rest < name.getNumberOfElements(); rest++) {
					elements.add(name.getElement(rest, ConfigurationPropertyName.Form.DASHED));
				}
				return PREFIX + "." + String.join(".", elements);
			}
			elements.add(element);
			node = child;
		}
		return null;
	}

	@Nullable
	private static String nearest(String element, Iterable<String> candidates) {
		String nearest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(element, candidate);
			if (distance < best) {
				best = distance;
				nearest = candidate;
			}
		}
		return (nearest != null && best <= Math.max(2, element.length() / 3)) ? nearest : null;
	}

	/**
	 * The edit distance with transpositions (optimal string alignment): "tll" is one edit
	 * from "ttl", "defualts" one from "defaults".
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/**
	 * The keys of a properties class: its JavaBean properties by dashed name, a nested
	 * properties class as a node of its own, a map of them as a node for any key.
	 */
	private static final class Node {

		private final Map<String, Node> children = new TreeMap<>();

		@Nullable
		private Node map;

		static Node of(Class<?> type, int depth) {
			Node node = new Node();
			if (depth > 5) {
				return node;
			}
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
					continue;
				}
				node.children.put(dashed(descriptor.getName()),
						child(ResolvableType.forMethodReturnType(descriptor.getReadMethod()), depth));
			}
			return node;
		}

		private static Node child(ResolvableType type, int depth) {
			Class<?> raw = type.resolve(Object.class);
			if (Map.class.isAssignableFrom(raw)) {
				Node node = new Node();
				Class<?> value = type.asMap().getGeneric(1).resolve(Object.class);
				node.map = nested(value) ? of(value, depth + 1) : new Node();
				return node;
			}
			return nested(raw) ? of(raw, depth + 1) : new Node();
		}

		private static boolean nested(Class<?> type) {
			return type.getName().startsWith("io.github.rediscache.") && !type.isEnum()
					&& !Modifier.isAbstract(type.getModifiers());
		}

		private static String dashed(String name) {
			StringBuilder dashed = new StringBuilder();
			for (char c : name.toCharArray()) {
				if (Character.isUpperCase(c)) {
					dashed.append('-').append(Character.toLowerCase(c));
				}
				else {
					dashed.append(c);
				}
			}
			return dashed.toString();
		}

	}

}
