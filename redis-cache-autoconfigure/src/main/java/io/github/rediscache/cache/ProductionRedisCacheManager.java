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

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCacheManager} whose caches are {@link ProductionRedisCache}s, and that
 * tells its listener about every cache it creates at run time (so that meters can be
 * bound to it).
 *
 * @author redis-cache authors
 */
public class ProductionRedisCacheManager extends RedisCacheManager {

	private final CacheSpec defaultSpec;

	private final Map<String, CacheSpec> specs;

	private final CacheInfrastructure infrastructure;

	private final Set<Cache> createdAtRuntime = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	/**
	 * Create a manager.
	 * @param writer the writer shared by every cache
	 * @param defaults the configuration of caches created at run time
	 * @param allowRuntimeCacheCreation whether caches not configured up front may be
	 * created
	 * @param initialCaches the configurations of the caches created up front
	 * @param defaultSpec the settings of caches without settings of their own
	 * @param specs the settings of caches by name
	 * @param infrastructure what every cache shares
	 */
	public ProductionRedisCacheManager(RedisCacheWriter writer, RedisCacheConfiguration defaults,
			boolean allowRuntimeCacheCreation, Map<String, RedisCacheConfiguration> initialCaches,
			CacheSpec defaultSpec, Map<String, CacheSpec> specs, CacheInfrastructure infrastructure) {
		super(writer, defaults, allowRuntimeCacheCreation, initialCaches);
		this.defaultSpec = defaultSpec;
		this.specs = Map.copyOf(specs);
		this.infrastructure = infrastructure;
	}

	@Override
	protected RedisCache createRedisCache(String name, @Nullable RedisCacheConfiguration configuration) {
		return new ProductionRedisCache(name, getCacheWriter(),
				(configuration != null) ? configuration : getDefaultCacheConfiguration(),
				this.specs.getOrDefault(name, this.defaultSpec), this.infrastructure);
	}

	@Override
	@Nullable
	protected RedisCache getMissingCache(String name) {
		RedisCache cache = super.getMissingCache(name);
		if (cache != null) {
			this.createdAtRuntime.add(cache);
		}
		return cache;
	}

	/**
	 * Tell the listener about a cache created at run time once it is the one the manager
	 * keeps: concurrent first uses of a name may each create a cache, and only one of
	 * them is decorated and kept.
	 */
	@Override
	protected Cache decorateCache(Cache cache) {
		Cache decorated = super.decorateCache(cache);
		if (this.createdAtRuntime.remove(cache)) {
			this.infrastructure.listener().cacheCreated(decorated);
		}
		return decorated;
	}

}
