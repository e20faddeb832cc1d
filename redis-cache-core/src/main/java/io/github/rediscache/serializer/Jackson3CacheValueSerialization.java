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

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.rediscache.settings.InvalidSettingException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TreeNode;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.impl.ClassNameIdResolver;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileReadFeature;
import tools.jackson.dataformat.smile.SmileWriteFeature;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.lang.Nullable;

/**
 * {@link CacheValueSerialization} with Jackson 3, the default of Spring Boot 4. It writes
 * the same bytes as {@link Jackson2CacheValueSerialization} for the same values, under
 * the same {@link TypeIdRules}, so entries stay readable when an application moves from
 * Spring Boot 3.5 to 4 and back: the cache's copy of the application's mapper keeps
 * properties in declaration order (Jackson 3 sorts them by default) and writes dates as
 * ISO strings with their zone.
 *
 * @author redis-cache authors
 */
public final class Jackson3CacheValueSerialization implements CacheValueSerialization {

	private final JsonMapper mapper;

	private final TypeIdRules rules;

	private final EncodedValueSerializer.ByType byType = new EncodedValueSerializer.ByType(this::codecs);

	private Jackson3CacheValueSerialization(JsonMapper mapper, TypeIdRules rules) {
		this.mapper = mapper;
		this.rules = rules;
	}

	/**
	 * Create the serialization with a plain {@link JsonMapper} as the base (Jackson 3
	 * reads and writes {@code java.time}, {@code Optional} and constructor parameter
	 * names without modules).
	 * @param allowedPackages packages whose classes may be named in cached JSON, such as
	 * {@code com.example.catalogue}
	 * @return the serialization
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	public static Jackson3CacheValueSerialization forPackages(Collection<String> allowedPackages) {
		return create(JsonMapper.builder().build(), allowedPackages, (builder) -> {
		});
	}

	/**
	 * Create the serialization from the application's mapper, which is rebuilt, never
	 * changed.
	 * @param applicationMapper the application's mapper
	 * @param allowedPackages packages whose classes may be named in cached JSON
	 * @param customizer changes the cache's copy of the mapper alone, after the cache's
	 * own settings
	 * @return the serialization
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	public static Jackson3CacheValueSerialization create(JsonMapper applicationMapper,
			Collection<String> allowedPackages, Consumer<JsonMapper.Builder> customizer) {
		TypeIdRules rules = TypeIdRules.forPackages(allowedPackages);
		JsonMapper.Builder builder = applicationMapper.rebuild()
			.polymorphicTypeValidator(new AllowList(rules))
			.disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			.enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS,
					DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.addModule(new SimpleModule("redis-cache-canonical-instants")
				.setDeserializerModifier(new CanonicalInstantReading()));
		customizer.accept(builder);
		return new Jackson3CacheValueSerialization(builder.build(), rules);
	}

	/**
	 * Return the cache's mapper (without the class names of {@link #forType(Type)}).
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.mapper;
	}

	@Override
	public RedisSerializer<Object> forType(Type valueType, ValueFormat format) {
		return this.byType.serializer(valueType, format);
	}

	private Function<CacheEncoding, EncodedValueSerializer.Codec> codecs(Type type) {
		JavaType javaType = this.mapper.constructType(type);
		return (encoding) -> {
			JsonMapper typing = this.mapper.rebuild()
				.setDefaultTyping(new Typing(this.rules, javaType.getRawClass(), encoding != CacheEncoding.JSON))
				.build();
			ObjectMapper mapper = switch (encoding) {
				case JSON -> typing;
				case SMILE -> Jackson3FormatMapper.of(typing, Smile.factory());
				case CBOR -> Jackson3FormatMapper.of(typing, Cbor.factory());
			};
			ObjectWriter writer = mapper.writerFor(javaType);
			ObjectReader reader = mapper.readerFor(javaType);
			return new EncodedValueSerializer.Codec(writer::writeValueAsBytes, reader::readValue);
		};
	}

	/**
	 * Smile without its header: the cache's tag says what the bytes are. Its own class,
	 * loaded only when an entry is Smile.
	 */
	private static final class Smile {

		private static final TokenStreamFactory FACTORY = SmileFactory.builder()
			.disable(SmileWriteFeature.WRITE_HEADER)
			.disable(SmileReadFeature.REQUIRE_HEADER)
			.build();

		static TokenStreamFactory factory() {
			return FACTORY;
		}

	}

	/**
	 * CBOR, loaded only when an entry is CBOR.
	 */
	private static final class Cbor {

		private static final TokenStreamFactory FACTORY = new CBORFactory();

		static TokenStreamFactory factory() {
			return FACTORY;
		}

	}

	/**
	 * The allow-list of {@link TypeIdRules} as a Jackson 3 validator.
	 */
	private static final class AllowList extends PolymorphicTypeValidator.Base {

		private static final long serialVersionUID = 1L;

		private final TypeIdRules rules;

		AllowList(TypeIdRules rules) {
			this.rules = rules;
		}

		@Override
		public Validity validateBaseType(DatabindContext context, JavaType baseType) {
			return Validity.INDETERMINATE;
		}

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return this.rules.allowed(baseType.getRawClass().getName(), subClassName) ? Validity.ALLOWED
					: Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return validateSubClassName(context, baseType, subType.getRawClass().getName());
		}

	}

	/**
	 * Where class names are written and how ids are judged, by {@link TypeIdRules}: the
	 * Jackson 3 form of {@link CacheTypeResolverBuilder}.
	 */
	private static final class Typing extends DefaultTypeResolverBuilder {

		private static final long serialVersionUID = 1L;

		private final TypeIdRules rules;

		private final Class<?> rootType;

		@Nullable
		private final transient RootTypeIds rootIds;

		Typing(TypeIdRules rules, Class<?> rootType, boolean shortRootIds) {
			super(new AllowList(rules), DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY, JsonTypeInfo.Id.CLASS,
					shortRootIds ? RootTypeIds.PROPERTY : null);
			this.rules = rules;
			this.rootType = rootType;
			this.rootIds = shortRootIds ? new RootTypeIds(rootType) : null;
		}

		@Override
		public DefaultTypeResolverBuilder withDefaultImpl(Class<?> defaultImpl) {
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
		protected TypeIdResolver idResolver(DatabindContext context, JavaType baseType,
				PolymorphicTypeValidator subtypeValidator, Collection<NamedType> subtypes, boolean forSer,
				boolean forDeser) {
			Set<String> declared = TypeIdRules.namesIn(baseType.toCanonical());
			RootTypeIds rootIds = this.rootIds;
			return new ClassNameIdResolver(baseType, subtypes, subtypeValidator) {

				@Override
				public JavaType typeFromId(DatabindContext context, String id) {
					if (rootIds != null && RootTypeIds.isShort(id)) {
						try {
							return context.constructType(rootIds.rootTypeOf(id));
						}
						catch (IllegalArgumentException ex) {
							throw InvalidTypeIdException.from(null, ex.getMessage(), baseType, id);
						}
					}
					String refused = Typing.this.rules.refusedName(declared, id);
					if (refused != null) {
						throw InvalidTypeIdException.from(null, TypeIdRules.refusal(refused, id), baseType, id);
					}
					return super.typeFromId(context, id);
				}

				@Override
				public String idFromValue(DatabindContext context, Object value) {
					return shorten(value, TypeIdRules.portableId(value, super.idFromValue(context, value)));
				}

				@Override
				public String idFromValueAndType(DatabindContext context, Object value, Class<?> type) {
					return shorten(value,
							TypeIdRules.portableId(value, super.idFromValueAndType(context, value, type)));
				}

				private String shorten(Object value, String id) {
					return (rootIds != null && value != null) ? rootIds.idFor(value, id) : id;
				}

			};
		}

	}

	/**
	 * Reads instants in the form the cache writes them without Jackson's formatter
	 * ({@link CanonicalInstants}), and everything else with Jackson's own
	 * {@link InstantDeserializer}. Only Jackson's own is wrapped: an application's
	 * deserializer for {@code Instant}, and a property's {@code @JsonFormat}, stay as
	 * they are.
	 */
	private static final class CanonicalInstantReading extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		@SuppressWarnings("unchecked")
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			if (description.getBeanClass() == Instant.class && deserializer.getClass() == InstantDeserializer.class) {
				return new Reader((InstantDeserializer<Instant>) deserializer);
			}
			return deserializer;
		}

		private static final class Reader extends StdScalarDeserializer<Instant> {

			private final InstantDeserializer<Instant> jackson;

			Reader(InstantDeserializer<Instant> jackson) {
				super(Instant.class);
				this.jackson = jackson;
			}

			@Override
			public Instant deserialize(JsonParser parser, DeserializationContext context) {
				if (parser.hasToken(JsonToken.VALUE_STRING)) {
					Instant instant = CanonicalInstants.parse(parser.getString());
					if (instant != null) {
						return instant;
					}
				}
				return this.jackson.deserialize(parser, context);
			}

			@Override
			public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
				ValueDeserializer<?> contextual = this.jackson.createContextual(context, property);
				return (contextual == this.jackson) ? this : contextual;
			}

		}

	}

}
