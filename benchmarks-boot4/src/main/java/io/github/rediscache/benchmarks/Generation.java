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

import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.Jackson3CacheValueSerialization;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The serializers of the Spring Boot generation the benchmarks run on: Jackson 3 on
 * Spring Boot 4 (java.time is built into Jackson 3). One of the few files a module of the
 * Spring Boot 4 leg has of its own.
 */
final class Generation {

	private Generation() {
	}

	/**
	 * What a team writes by hand for plain Spring Boot caching: Spring Data Redis's
	 * generic JSON serializer with class names and java.time.
	 */
	static RedisSerializer<Object> plainBootSerializer() {
		return GenericJacksonJsonRedisSerializer.builder().enableUnsafeDefaultTyping().build();
	}

	static CacheValueSerialization redisCacheSerialization(Collection<String> allowedPackages) {
		return Jackson3CacheValueSerialization.forPackages(allowedPackages);
	}

}
