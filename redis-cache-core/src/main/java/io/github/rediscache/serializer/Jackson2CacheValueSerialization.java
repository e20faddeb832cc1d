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
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileParser;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import io.github.rediscache.settings.InvalidSettingException;

import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Cache values as JSON with Jackson 2, readable with {@code redis-cli GET}, written the
 * way the application's own {@link ObjectMapper} writes them (its modules, naming and
 * inclusion), plus what a cache needs: {@code Optional}, constructor parameter names and
 * java.time, ISO-8601 dates that keep their offset and zone, unknown properties ignored
 * (so instances of release N and N+1 read each other's entries), and class names only
 * where a value's declared type does not say what it is, checked against an allow-list of
 * packages when read.
 *
 * @author redis-cache authors
 */
public final class Jackson2CacheValueSerialization implements CacheValueSerialization {

	private final ObjectMapper objectMapper;

	private final TypeIdRules rules;

	private final EncodedValueSerializer.ByType byType = new EncodedValueSerializer.ByType(this::codecs);

	private Jackson2CacheValueSerialization(ObjectMapper objectMapper, TypeIdRules rules) {
		this.objectMapper = objectMapper;
		this.rules = rules;
	}

	/**
	 * Create the serialization with {@link #defaultMapper()} as the base.
	 * @param allowedPackages packages whose classes may be named in cached JSON, such as
	 * {@code com.example.catalogue}
	 * @return the serialization
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	public static Jackson2CacheValueSerialization forPackages(Collection<String> allowedPackages) {
		return create(defaultMapper(), allowedPackages, (mapper) -> {
		});
	}

	/**
	 * Create the serialization from the application's mapper. The mapper is copied, never
	 * changed.
	 * @param applicationMapper the application's mapper
	 * @param allowedPackages packages whose classes may be named in cached JSON
	 * @param customizer changes the cache's copy of the mapper alone, after the cache's
	 * own settings
	 * @return the serialization
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	public static Jackson2CacheValueSerialization create(ObjectMapper applicationMapper,
			Collection<String> allowedPackages, Consumer<ObjectMapper> customizer) {
		TypeIdRules rules = TypeIdRules.forPackages(allowedPackages);
		ObjectMapper mapper = applicationMapper.copy();
		mapper.setPolymorphicTypeValidator(new AllowListTypeValidator(rules));
		mapper.registerModule(new Jdk8Module())
			.registerModule(new ParameterNamesModule())
			.registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
			.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE,
					DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.registerModule(new SimpleModule("redis-cache-canonical-instants")
				.setDeserializerModifier(new CanonicalInstantReading()));
		customizer.accept(mapper);
		return new Jackson2CacheValueSerialization(mapper, rules);
	}

	/**
	 * Return the mapper used without an application mapper: what Spring Boot's
	 * {@code Jackson2ObjectMapperBuilder} registers ({@code Optional} and the other JDK 8
	 * types, constructor parameter names, java.time) with unknown properties ignored.
	 * @return a new mapper
	 */
	public static ObjectMapper defaultMapper() {
		return JsonMapper.builder()
			.addModule(new Jdk8Module())
			.addModule(new ParameterNamesModule())
			.addModule(new JavaTimeModule())
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * Return the cache's mapper (without the class names of {@link #forType(Type)}).
	 * @return the mapper; do not change it
	 */
	public ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	@Override
	public RedisSerializer<Object> forType(Type valueType, ValueFormat format) {
		return this.byType.serializer(valueType, format);
	}

	private Function<CacheEncoding, EncodedValueSerializer.Codec> codecs(Type type) {
		JavaType javaType = this.objectMapper.getTypeFactory().constructType(type);
		return (encoding) -> {
			ObjectMapper typing = this.objectMapper.copy();
			typing.setDefaultTyping(
					new CacheTypeResolverBuilder(this.rules, javaType.getRawClass(), encoding != CacheEncoding.JSON));
			JsonFactory factory = switch (encoding) {
				case JSON -> typing.getFactory();
				case SMILE -> Smile.factory();
				case CBOR -> Cbor.factory();
			};
			ObjectWriter writer = typing.writerFor(javaType).with(factory);
			ObjectReader reader = typing.readerFor(javaType).with(factory);
			return new EncodedValueSerializer.Codec(writer::writeValueAsBytes, reader::readValue);
		};
	}

	/**
	 * Smile without its header: the cache's tag says what the bytes are. Its own class,
	 * loaded only when an entry is Smile.
	 */
	private static final class Smile {

		private static final JsonFactory FACTORY = SmileFactory.builder()
			.disable(SmileGenerator.Feature.WRITE_HEADER)
			.disable(SmileParser.Feature.REQUIRE_HEADER)
			.build();

		static JsonFactory factory() {
			return FACTORY;
		}

	}

	/**
	 * CBOR, loaded only when an entry is CBOR.
	 */
	private static final class Cbor {

		private static final JsonFactory FACTORY = new CBORFactory();

		static JsonFactory factory() {
			return FACTORY;
		}

	}

	/**
	 * Reads instants in the form the cache writes them without Jackson's formatter
	 * ({@link CanonicalInstants}), and everything else with Jackson's own
	 * {@link InstantDeserializer}. Only Jackson's own is wrapped: an application's
	 * deserializer for {@code Instant}, and a property's {@code @JsonFormat}, stay as
	 * they are.
	 */
	private static final class CanonicalInstantReading extends BeanDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		@SuppressWarnings("unchecked")
		public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
				JsonDeserializer<?> deserializer) {
			if (description.getBeanClass() == Instant.class && deserializer.getClass() == InstantDeserializer.class) {
				return new Reader((InstantDeserializer<Instant>) deserializer);
			}
			return deserializer;
		}

		private static final class Reader extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

			private static final long serialVersionUID = 1L;

			private final InstantDeserializer<Instant> jackson;

			Reader(InstantDeserializer<Instant> jackson) {
				super(Instant.class);
				this.jackson = jackson;
			}

			@Override
			public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
				if (parser.hasToken(JsonToken.VALUE_STRING)) {
					Instant instant = CanonicalInstants.parse(parser.getText());
					if (instant != null) {
						return instant;
					}
				}
				return this.jackson.deserialize(parser, context);
			}

			@Override
			public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
					throws JsonMappingException {
				JsonDeserializer<?> contextual = this.jackson.createContextual(context, property);
				return (contextual == this.jackson) ? this : contextual;
			}

		}

	}

}
