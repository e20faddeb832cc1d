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
package io.github.rediscache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.rediscache.autoconfigure.RedisCacheProperties.Cache;
import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.stampede.StampedeSettings;

import org.springframework.util.ClassUtils;

/**
 * Resolves the {@link CacheSpec} of every cache from properties: the core's defaults,
 * then {@code redis-cache.defaults.*}, then {@code redis-cache.caches.<name>.*}, field by
 * field. A bad value fails with the full property name, the value and the fix.
 *
 * @author redis-cache authors
 */
final class CacheSpecResolver {

	private final RedisCacheProperties properties;

	private final ClassLoader classLoader;

	CacheSpecResolver(RedisCacheProperties properties, ClassLoader classLoader) {
		this.properties = properties;
		this.classLoader = classLoader;
	}

	CacheSpec defaults() {
		return resolve(CacheSpec.DEFAULTS, this.properties.getDefaults(), "redis-cache.defaults.");
	}

	Map<String, CacheSpec> caches(CacheSpec defaults) {
		Map<String, CacheSpec> caches = new LinkedHashMap<>();
		this.properties.getCaches()
			.forEach((name, cache) -> caches.put(name, resolve(defaults, cache, "redis-cache.caches." + name + ".")));
		return caches;
	}

	private CacheSpec resolve(CacheSpec base, Cache cache, String prefix) {
		Class<?> valueType = (cache.getValueType() != null) ? resolveType(prefix + "value-type", cache.getValueType())
				: base.valueType();
		RedisCacheProperties.Lease lease = cache.getLease();
		RedisCacheProperties.EarlyRefresh early = cache.getEarlyRefresh();
		StampedeSettings stampede = base.stampede();
		return InvalidRedisCachePropertyException.named(prefix,
				() -> new CacheSpec(or(cache.getTtl(), base.ttl()), or(cache.getTtlJitter(), base.ttlJitterPercent()),
						or(cache.getCacheNullValues(), base.cacheNullValues()),
						or(cache.getNullValueTtl(), base.nullValueTtl()), or(cache.getKeyVersion(), base.keyVersion()),
						valueType,
						new StampedeSettings(or(lease.getEnabled(), stampede.leaseEnabled()),
								or(lease.getTime(), stampede.leaseTime()), or(lease.getWait(), stampede.leaseWait()),
								or(early.getEnabled(), stampede.earlyRefresh()),
								or(early.getBeta(), stampede.earlyRefreshBeta()))));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private Class<?> resolveType(String property, String className) {
		try {
			return ClassUtils.forName(className.trim(), this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidRedisCachePropertyException(property, className, "no such class on the classpath",
					"Set the fully qualified name of the cached value's class, or remove the property to store "
							+ "values with allow-listed type information.");
		}
	}

}
