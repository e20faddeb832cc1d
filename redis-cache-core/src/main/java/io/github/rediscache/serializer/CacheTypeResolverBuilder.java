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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.ClassNameIdResolver;
import com.fasterxml.jackson.databind.type.TypeFactory;

import org.springframework.util.ClassUtils;

/**
 * Writes a class name beside every value that needs one to be read back as {@code Object}
 * (what Spring Data Redis's generic serializer does), and names the JDK's unmodifiable
 * collections ({@code List.of(..)}, {@code Collections.unmodifiableMap(..)} and the like)
 * by a plain mutable equivalent, which Jackson can build and the allow-list need not open
 * up.
 *
 * @author redis-cache authors
 */
final class CacheTypeResolverBuilder extends ObjectMapper.DefaultTypeResolverBuilder {

	private static final long serialVersionUID = 1L;

	CacheTypeResolverBuilder(PolymorphicTypeValidator validator) {
		super(ObjectMapper.DefaultTyping.EVERYTHING, validator);
		init(JsonTypeInfo.Id.CLASS, null);
		inclusion(JsonTypeInfo.As.PROPERTY);
	}

	@Override
	public ObjectMapper.DefaultTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
		return this;
	}

	@Override
	public boolean useForType(JavaType type) {
		if (type.isJavaLangObject()) {
			return true;
		}
		JavaType resolved = type;
		while (resolved.isArrayType()) {
			resolved = resolved.getContentType();
		}
		while (resolved.isReferenceType()) {
			resolved = resolved.getReferencedType();
		}
		Class<?> raw = resolved.getRawClass();
		if (resolved.isEnumType() || ClassUtils.isPrimitiveOrWrapper(raw) || TreeNode.class.isAssignableFrom(raw)
				|| raw == BigDecimal.class || raw == BigInteger.class) {
			return false;
		}
		return !(resolved.isFinal() && raw.getName().startsWith("java."));
	}

	@Override
	protected TypeIdResolver idResolver(MapperConfig<?> config, JavaType baseType,
			PolymorphicTypeValidator subtypeValidator, Collection<NamedType> subtypes, boolean forSer,
			boolean forDeser) {
		return new PortableCollectionIdResolver(baseType, config.getTypeFactory(), subtypeValidator);
	}

	private static final class PortableCollectionIdResolver extends ClassNameIdResolver {

		PortableCollectionIdResolver(JavaType baseType, TypeFactory typeFactory, PolymorphicTypeValidator validator) {
			super(baseType, typeFactory, validator);
		}

		@Override
		public String idFromValue(Object value) {
			return portable(value, super.idFromValue(value));
		}

		@Override
		public String idFromValueAndType(Object value, Class<?> type) {
			return portable(value, super.idFromValueAndType(value, type));
		}

		private static String portable(Object value, String id) {
			if (id == null || !(id.startsWith("java.util.ImmutableCollections$")
					|| id.startsWith("java.util.Collections$") || id.startsWith("java.util.Arrays$"))) {
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

}
