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
package io.github.rediscache.benchmarks;

import java.util.Collection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;

import org.springframework.data.redis.serializer.GenericJackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The serializers of the Spring Boot generation the benchmarks run on: Jackson 2 on
 * Spring Boot 3.5. One of the few files a module of the Spring Boot 4 leg has of its own.
 */
final class Generation {

	private Generation() {
	}

	/**
	 * What a team writes by hand for plain Spring Boot caching: Spring Data Redis's
	 * generic JSON serializer with class names and java.time.
	 */
	static RedisSerializer<Object> plainBootSerializer() {
		return GenericJackson2JsonRedisSerializer.builder()
			.objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
			.defaultTyping(true)
			.build();
	}

	static CacheValueSerialization redisCacheSerialization(Collection<String> allowedPackages) {
		return Jackson2CacheValueSerialization.forPackages(allowedPackages);
	}

}
