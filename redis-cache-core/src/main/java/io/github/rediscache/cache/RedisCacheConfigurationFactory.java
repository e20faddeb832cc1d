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
package io.github.rediscache.cache;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;

import io.github.rediscache.serializer.ValueFormat;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Turns a {@link CacheSpec} into Spring Data Redis's {@link RedisCacheConfiguration}: a
 * jittered TTL on every entry, keys laid out as
 * {@code <key-prefix><cache>[:v<key-version>]::<key>}, values in the cache's format
 * (typed by an allow-list, or plain JSON of the cache's value type) and nulls only when
 * asked for.
 *
 * @author redis-cache authors
 */
final class RedisCacheConfigurationFactory {

	private static final Log logger = LogFactory.getLog(RedisCacheConfigurationFactory.class);

	private final String keyPrefix;

	@Nullable
	private final RedisSerializer<?> replacedSerializer;

	private final BiFunction<Type, ValueFormat, RedisSerializer<?>> serializers;

	private final DoubleSupplier random;

	/**
	 * Create a factory.
	 * @param keyPrefix put before every cache name, may be empty
	 * @param replacedSerializer the serializer of caches without a value type, when the
	 * application replaced the built-in one, else {@code null}
	 * @param serializers the built-in serializer of a value type in a format
	 * @param random a source of uniform numbers in [0, 1) for TTL jitter
	 */
	RedisCacheConfigurationFactory(String keyPrefix, @Nullable RedisSerializer<?> replacedSerializer,
			BiFunction<Type, ValueFormat, RedisSerializer<?>> serializers, DoubleSupplier random) {
		Assert.notNull(keyPrefix, "keyPrefix must not be null");
		this.keyPrefix = keyPrefix;
		this.replacedSerializer = replacedSerializer;
		this.serializers = serializers;
		this.random = random;
	}

	/**
	 * Create the configuration of a cache.
	 * @param spec the cache's settings
	 * @return a configuration that Spring Data Redis's caches understand
	 */
	RedisCacheConfiguration create(CacheSpec spec) {
		String version = (spec.keyVersion() != null) ? ":v" + spec.keyVersion() : "";
		// Every key of every read needs its cache's prefix: build it once per cache.
		Map<String, String> prefixes = new ConcurrentHashMap<>();
		boolean replaced = spec.valueType() == null && this.replacedSerializer != null;
		if (replaced && !spec.format().equals(ValueFormat.DEFAULT)) {
			logger.warn(
					"The encoding " + spec.format().encoding() + " and compress-above " + spec.format().compressAbove()
							+ " are not applied to a cache without a value-type: the application's value serializer ("
							+ this.replacedSerializer.getClass().getName() + ") replaces the built-in one");
		}
		RedisSerializer<?> values = replaced ? this.replacedSerializer
				: this.serializers.apply((spec.valueType() != null) ? spec.valueType() : Object.class, spec.format());
		RedisCacheConfiguration configuration = RedisCacheConfiguration.defaultCacheConfig()
			.entryTtl(new JitteredTtlFunction(spec, this.random))
			.computePrefixWith((cacheName) -> prefixes.computeIfAbsent(cacheName,
					(name) -> this.keyPrefix + name + version + "::"))
			.serializeValuesWith(SerializationPair.fromSerializer(values));
		return spec.cacheNullValues() ? configuration : configuration.disableCachingNullValues();
	}

}
