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
package io.github.rediscache.cache.writer;

import java.lang.reflect.Method;
import java.util.function.Consumer;

import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Spring Data Redis's non-locking cache writer, writing before it returns on every
 * generation. Spring Data Redis 4 writes asynchronously by default where the connection
 * supports it: a put returns before Redis has the entry, so a read right after it misses,
 * and a write that fails is lost instead of being judged by the breaker and remembered
 * for replay. This asks Spring Data Redis 4 for its immediate writes, through its public
 * {@code RedisCacheWriter.create(factory, configurer)}; Spring Data Redis 3 writes
 * immediately and has no such method.
 *
 * @author redis-cache authors
 */
final class SpringCacheWriters {

	private static final Method CREATE = ReflectionUtils.findMethod(RedisCacheWriter.class, "create",
			RedisConnectionFactory.class, Consumer.class);

	private SpringCacheWriters() {
	}

	/**
	 * Create a non-locking writer whose writes are done when they return.
	 * @param connectionFactory the factory of connections to Redis
	 * @return the writer
	 */
	static RedisCacheWriter immediateWrites(RedisConnectionFactory connectionFactory) {
		if (CREATE == null) {
			return RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory);
		}
		Method immediateWrites = ReflectionUtils.findMethod(ClassUtils.resolveClassName(
				"org.springframework.data.redis.cache.RedisCacheWriter$RedisCacheWriterConfigurer",
				RedisCacheWriter.class.getClassLoader()), "immediateWrites");
		Consumer<Object> configurer = (builder) -> ReflectionUtils.invokeMethod(immediateWrites, builder);
		return (RedisCacheWriter) ReflectionUtils.invokeMethod(CREATE, null, connectionFactory, configurer);
	}

}
