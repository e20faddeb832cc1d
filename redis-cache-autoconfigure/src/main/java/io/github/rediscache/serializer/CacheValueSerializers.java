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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * The JSON serializers of cache values: Jackson 2 with java.time (dates as ISO-8601
 * strings), readable with {@code redis-cli GET}.
 *
 * @author redis-cache authors
 */
public final class CacheValueSerializers {

	private CacheValueSerializers() {
	}

	/**
	 * Create the object mapper that cache values are written with.
	 * @param typeValidator the validator of class names read back from Redis
	 * @return a new object mapper
	 */
	public static ObjectMapper objectMapper(PolymorphicTypeValidator typeValidator) {
		return JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.polymorphicTypeValidator(typeValidator)
			.build();
	}

	/**
	 * Create the serializer of caches without a value type: a class name beside every
	 * value that needs one (including the top-level value, whatever its class), checked
	 * by the mapper's type validator when read. The JSON is what Spring Data Redis's
	 * generic serializer writes, but each value is parsed once: that serializer first
	 * reads every value into a tree to find its type, then parses it again.
	 * @param objectMapper a mapper from {@link #objectMapper(PolymorphicTypeValidator)};
	 * a copy is configured
	 * @return the serializer
	 */
	public static RedisSerializer<Object> typed(ObjectMapper objectMapper) {
		ObjectMapper typing = objectMapper.copy();
		typing.setDefaultTyping(new CacheTypeResolverBuilder(typing.getPolymorphicTypeValidator()));
		return new TypedJsonSerializer(typing.writerFor(Object.class), typing.readerFor(Object.class));
	}

	/**
	 * JSON with default typing, read and written through one reader and one writer.
	 */
	private record TypedJsonSerializer(ObjectWriter writer, ObjectReader reader) implements RedisSerializer<Object> {

		@Override
		public byte[] serialize(Object value) {
			if (value == null) {
				return new byte[0];
			}
			try {
				return this.writer.writeValueAsBytes(value);
			}
			catch (IOException ex) {
				throw new SerializationException("Could not write JSON: " + ex.getMessage(), ex);
			}
		}

		@Override
		public Object deserialize(byte[] bytes) {
			if (bytes == null || bytes.length == 0) {
				return null;
			}
			try {
				return this.reader.readValue(bytes);
			}
			catch (IOException ex) {
				throw new SerializationException("Could not read JSON: " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * Create the serializer of a cache whose values all have one type: plain JSON without
	 * class names.
	 * @param <T> the value type
	 * @param objectMapper a mapper from {@link #objectMapper(PolymorphicTypeValidator)}
	 * @param valueType the value type
	 * @return the serializer
	 */
	public static <T> RedisSerializer<T> forType(ObjectMapper objectMapper, Class<T> valueType) {
		return new Jackson2JsonRedisSerializer<>(objectMapper, valueType);
	}

}
