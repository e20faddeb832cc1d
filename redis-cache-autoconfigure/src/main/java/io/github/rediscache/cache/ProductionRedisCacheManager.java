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

import java.util.Map;
import java.util.function.Consumer;

import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCacheManager} whose caches are {@link ProductionRedisCache}s, and that
 * tells a callback about every cache it creates at run time (so that meters can be bound
 * to it).
 *
 * @author redis-cache authors
 */
public class ProductionRedisCacheManager extends RedisCacheManager {

	private final CacheEventListener listener;

	private final Consumer<RedisCache> runtimeCacheCreated;

	/**
	 * Create a manager.
	 * @param writer the writer shared by every cache
	 * @param defaults the configuration of caches created at run time
	 * @param allowRuntimeCacheCreation whether caches not configured up front may be
	 * created
	 * @param initialCaches the configurations of the caches created up front
	 * @param listener told about unreadable entries of every cache
	 * @param runtimeCacheCreated told about every cache created at run time
	 */
	public ProductionRedisCacheManager(RedisCacheWriter writer, RedisCacheConfiguration defaults,
			boolean allowRuntimeCacheCreation, Map<String, RedisCacheConfiguration> initialCaches,
			CacheEventListener listener, Consumer<RedisCache> runtimeCacheCreated) {
		super(writer, defaults, allowRuntimeCacheCreation, initialCaches);
		this.listener = listener;
		this.runtimeCacheCreated = runtimeCacheCreated;
	}

	@Override
	protected RedisCache createRedisCache(String name, @Nullable RedisCacheConfiguration configuration) {
		return new ProductionRedisCache(name, getCacheWriter(),
				(configuration != null) ? configuration : getDefaultCacheConfiguration(), this.listener);
	}

	@Override
	@Nullable
	protected RedisCache getMissingCache(String name) {
		RedisCache cache = super.getMissingCache(name);
		if (cache != null) {
			this.runtimeCacheCreated.accept(cache);
		}
		return cache;
	}

}
