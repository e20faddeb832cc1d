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

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.ClassNameIdResolver;
import com.fasterxml.jackson.databind.type.TypeFactory;

import org.springframework.lang.Nullable;

/**
 * Writes a class name beside every value whose declared type does not say what it is: a
 * value declared {@code Object}, an interface, an abstract or any non-final class. A
 * value declared as a final type (a record, a final class, {@code String}, {@code Long}),
 * an enum or a number has none. Values are written and read against the same declared
 * type (the cache's value type, or {@code Object}), so both sides agree on where class
 * names are. The JDK's unmodifiable collections ({@code List.of(..)} and the like) and
 * {@code EnumSet}s are named by a type Jackson can build and the allow-list need not open
 * up.
 *
 * @author redis-cache authors
 */
final class CacheTypeResolverBuilder extends ObjectMapper.DefaultTypeResolverBuilder {

	private static final long serialVersionUID = 1L;

	private final TypeIdRules rules;

	private final Class<?> rootType;

	@Nullable
	private final transient RootTypeIds rootIds;

	/**
	 * Create the typing of values declared as the given root type.
	 * @param rules the rules that judge class names read back (also those of the mapper's
	 * validator)
	 * @param rootType the declared type of the values, whose values always carry their
	 * class name
	 */
	CacheTypeResolverBuilder(TypeIdRules rules, Class<?> rootType) {
		this(rules, rootType, false);
	}

	/**
	 * Create the typing of values declared as the given root type.
	 * @param rules the rules that judge class names read back
	 * @param rootType the declared type of the values
	 * @param shortRootIds whether a value of exactly the root type is named by a
	 * {@link RootTypeIds short id} (the binary encodings)
	 */
	CacheTypeResolverBuilder(TypeIdRules rules, Class<?> rootType, boolean shortRootIds) {
		super(ObjectMapper.DefaultTyping.EVERYTHING, new AllowListTypeValidator(rules));
		init(JsonTypeInfo.Id.CLASS, null);
		inclusion(JsonTypeInfo.As.PROPERTY);
		if (shortRootIds) {
			typeProperty(RootTypeIds.PROPERTY);
		}
		this.rules = rules;
		this.rootType = rootType;
		this.rootIds = shortRootIds ? new RootTypeIds(rootType) : null;
	}

	@Override
	public ObjectMapper.DefaultTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
		return this;
	}

	@Override
	public boolean useForType(JavaType type) {
		JavaType content = type;
		while (content.isArrayType() || content.isReferenceType()) {
			content = content.getContentType();
		}
		return TypeIdRules.named(this.rootType, type.getRawClass(), content.getRawClass(), TreeNode.class);
	}

	@Override
	protected TypeIdResolver idResolver(MapperConfig<?> config, JavaType baseType,
			PolymorphicTypeValidator subtypeValidator, Collection<NamedType> subtypes, boolean forSer,
			boolean forDeser) {
		return new PortableCollectionIdResolver(baseType, config.getTypeFactory(), subtypeValidator, this.rules,
				this.rootIds);
	}

	/**
	 * Class names as type ids, every name of an id judged by the rules before Jackson
	 * loads any (Jackson's validator sees only the raw class of a generic id).
	 */
	private static final class PortableCollectionIdResolver extends ClassNameIdResolver {

		private final TypeIdRules rules;

		private final Set<String> declared;

		@Nullable
		private final RootTypeIds rootIds;

		PortableCollectionIdResolver(JavaType baseType, TypeFactory typeFactory, PolymorphicTypeValidator validator,
				TypeIdRules rules, @Nullable RootTypeIds rootIds) {
			super(baseType, typeFactory, validator);
			this.rules = rules;
			this.declared = TypeIdRules.namesIn(baseType.toCanonical());
			this.rootIds = rootIds;
		}

		@Override
		public JavaType typeFromId(DatabindContext context, String id) throws IOException {
			if (this.rootIds != null && RootTypeIds.isShort(id)) {
				try {
					return this._typeFactory.constructType(this.rootIds.rootTypeOf(id));
				}
				catch (IllegalArgumentException ex) {
					throw InvalidTypeIdException.from(null, ex.getMessage(), this._baseType, id);
				}
			}
			String refused = this.rules.refusedName(this.declared, id);
			if (refused != null) {
				throw InvalidTypeIdException.from(null, TypeIdRules.refusal(refused, id), this._baseType, id);
			}
			return super.typeFromId(context, id);
		}

		@Override
		public String idFromValue(Object value) {
			return shorten(value, TypeIdRules.portableId(value, super.idFromValue(value)));
		}

		@Override
		public String idFromValueAndType(Object value, Class<?> type) {
			return shorten(value, TypeIdRules.portableId(value, super.idFromValueAndType(value, type)));
		}

		private String shorten(Object value, String id) {
			return (this.rootIds != null && value != null) ? this.rootIds.idFor(value, id) : id;
		}

	}

}
