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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.rediscache.settings.InvalidSettingException;

import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Cache values as JSON with Jackson 2 and java.time (dates as ISO-8601 strings), readable
 * with {@code redis-cli GET}. One mapper serves every cache; class names read back from
 * Redis are checked by an allow-list of packages.
 *
 * @author redis-cache authors
 */
public final class Jackson2CacheValueSerialization implements CacheValueSerialization {

	private final ObjectMapper objectMapper;

	private final RedisSerializer<Object> typed;

	private Jackson2CacheValueSerialization(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
		ObjectMapper typing = objectMapper.copy();
		typing.setDefaultTyping(new CacheTypeResolverBuilder(typing.getPolymorphicTypeValidator()));
		this.typed = new TypedJsonSerializer(typing.writerFor(Object.class), typing.readerFor(Object.class));
	}

	/**
	 * Create the serialization whose class names may come from the given packages (and
	 * their sub-packages), plus {@code java.time}, arrays, and the JDK value and
	 * collection types people cache.
	 * @param allowedPackages package names such as {@code com.example.catalogue}
	 * @return the serialization
	 * @throws InvalidSettingException (field {@code allowed-packages}) if a name is not a
	 * package name
	 */
	public static Jackson2CacheValueSerialization forPackages(Collection<String> allowedPackages) {
		try {
			return new Jackson2CacheValueSerialization(JsonMapper.builder()
				.addModule(new JavaTimeModule())
				.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
				.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
				.polymorphicTypeValidator(AllowListTypeValidator.forPackages(allowedPackages))
				.build());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("allowed-packages", allowedPackages, ex.getMessage(),
					"List package names such as com.example.catalogue.");
		}
	}

	/**
	 * Return the mapper that values are written with (without the typing of
	 * {@link #typed()}).
	 * @return the mapper; do not change it
	 */
	public ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The JSON is what Spring Data Redis's generic serializer writes, but each value is
	 * parsed once: that serializer first reads every value into a tree to find its type,
	 * then parses it again.
	 */
	@Override
	public RedisSerializer<Object> typed() {
		return this.typed;
	}

	@Override
	public RedisSerializer<?> forType(Class<?> valueType) {
		return new Jackson2JsonRedisSerializer<>(this.objectMapper, valueType);
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

}
