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
import java.util.function.Function;

import io.github.rediscache.autoconfigure.RedisCacheProperties.Cache;
import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.stampede.StampedeSettings;

import org.springframework.util.ClassUtils;

/**
 * Resolves the effective {@link CacheSpec} of every cache from properties: built-in
 * defaults, then {@code redis-cache.defaults.*}, then
 * {@code redis-cache.caches.<name>.*}. A bad value fails with the full property name, the
 * value and the fix.
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
		return apply(CacheSpec.defaults(), this.properties.getDefaults(), "redis-cache.defaults");
	}

	Map<String, CacheSpec> caches() {
		CacheSpec defaults = defaults();
		Map<String, CacheSpec> caches = new LinkedHashMap<>();
		this.properties.getCaches()
			.forEach((name, cache) -> caches.put(name, apply(defaults, cache, "redis-cache.caches." + name)));
		return caches;
	}

	private CacheSpec apply(CacheSpec base, Cache cache, String prefix) {
		CacheSpec spec = base;
		spec = apply(spec, prefix + ".ttl", cache.getTtl(), spec::withTtl,
				"Set a positive duration, such as 30m or 2h.");
		spec = apply(spec, prefix + ".ttl-jitter", cache.getTtlJitter(), spec::withTtlJitterPercent,
				"Set a percentage between 0 and 100, such as 5.");
		spec = apply(spec, prefix + ".cache-null-values", cache.getCacheNullValues(), spec::withCacheNullValues, "");
		spec = apply(spec, prefix + ".null-value-ttl", cache.getNullValueTtl(), spec::withNullValueTtl,
				"Set a positive duration, such as 1m.");
		spec = apply(spec, prefix + ".key-version", cache.getKeyVersion(), spec::withKeyVersion,
				"Use 1 to 32 letters, digits, '.', '_' or '-', such as 2.");
		if (cache.getValueType() != null) {
			spec = spec.withValueType(resolveType(prefix + ".value-type", cache.getValueType()));
		}
		return spec.withStampede(stampede(spec.stampede(), cache, prefix));
	}

	private static StampedeSettings stampede(StampedeSettings base, Cache cache, String prefix) {
		RedisCacheProperties.Lease lease = cache.getLease();
		RedisCacheProperties.EarlyRefresh early = cache.getEarlyRefresh();
		try {
			return new StampedeSettings(or(lease.getEnabled(), base.leaseEnabled()),
					or(lease.getTime(), base.leaseTime()), or(lease.getWait(), base.leaseWait()),
					or(early.getEnabled(), base.earlyRefresh()), or(early.getBeta(), base.earlyRefreshBeta()));
		}
		catch (IllegalArgumentException ex) {
			String field = ex.getMessage().substring(0, ex.getMessage().indexOf(' '));
			Object value = switch (field) {
				case "lease.time" -> lease.getTime();
				case "lease.wait" -> lease.getWait();
				default -> early.getBeta();
			};
			throw new InvalidRedisCachePropertyException(prefix + "." + field, value, ex.getMessage(),
					field.equals("early-refresh.beta") ? "Set a positive number, such as 1.0."
							: "Set a positive duration, such as 5s.");
		}
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static <T> CacheSpec apply(CacheSpec spec, String property, T value, Function<T, CacheSpec> setter,
			String action) {
		if (value == null) {
			return spec;
		}
		try {
			return setter.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRedisCachePropertyException(property, value, ex.getMessage(), action);
		}
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
