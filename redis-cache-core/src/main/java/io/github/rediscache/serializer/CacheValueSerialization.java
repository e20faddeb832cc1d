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

import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * How cache values become bytes: the one place where Spring Boot generations differ in
 * substance (Jackson 2 on Spring Boot 3, Jackson 3 on Spring Boot 4). Both write the same
 * JSON (and Smile and CBOR), so an entry written by one is read by the other.
 *
 * @author redis-cache authors
 * @see Jackson2CacheValueSerialization
 * @see Jackson3CacheValueSerialization
 */
public interface CacheValueSerialization {

	/**
	 * Return the serializer of values whose type is not known:
	 * {@code forType(Object.class)}.
	 * @return the serializer
	 */
	default RedisSerializer<Object> typed() {
		return forType(Object.class);
	}

	/**
	 * Return the serializer of values of a declared type, such as
	 * {@code Map<Long, ProductDto>}: written and read as that type, with a class name
	 * (checked against an allow-list when read) only where the type does not say what a
	 * value is. Both sides of a cache must use the same declared type.
	 * @param valueType the declared type of the values
	 * @return the serializer
	 */
	default RedisSerializer<Object> forType(Type valueType) {
		return forType(valueType, ValueFormat.DEFAULT);
	}

	/**
	 * Return the serializer of values of a declared type in a format: written in its
	 * encoding, compressed above its threshold, and read in whichever encoding an entry
	 * was written in.
	 * @param valueType the declared type of the values
	 * @param format the encoding and compression
	 * @return the serializer
	 * @throws IllegalStateException if the encoding's Jackson module is missing
	 */
	RedisSerializer<Object> forType(Type valueType, ValueFormat format);

}
