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

import java.util.concurrent.Callable;

import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.CacheManager;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Cache-aside without annotations, with the same guarantees as
 * {@code @Cacheable(sync = true)}:
 *
 * <pre class="code">
 * Product product = cacheAside.get("products", id, () -&gt; repository.findById(id));
 * </pre>
 *
 * If the key is cached, its value is returned. Otherwise the loader is called at most
 * once per key at a time across this JVM's threads and, through a lease in Redis, across
 * instances; concurrent callers for the same key wait for that load and get its result,
 * callers for other keys are not blocked, and a caller waits no longer than the cache's
 * lease wait before loading itself. The entry is refreshed shortly before it expires by
 * one caller while the others keep getting the current value. The loader must not update
 * other keys of the same cache.
 *
 * @author redis-cache authors
 */
public class CacheAside {

	private final CacheManager cacheManager;

	/**
	 * Create the helper over a cache manager.
	 * @param cacheManager the cache manager
	 */
	public CacheAside(CacheManager cacheManager) {
		Assert.notNull(cacheManager, "cacheManager must not be null");
		this.cacheManager = cacheManager;
	}

	/**
	 * Return the value of the key in the named cache, loading and storing it on a miss.
	 * @param <T> the value type
	 * @param cacheName the cache
	 * @param key the key
	 * @param loader computes the value on a miss; may return null, which is stored only
	 * if the cache stores nulls
	 * @return the value, possibly null
	 * @throws IllegalArgumentException if there is no such cache
	 * @throws ValueRetrievalException if the loader threw, with its exception as the
	 * cause; nothing is stored and the next call loads again
	 */
	@Nullable
	public <T> T get(String cacheName, Object key, Callable<T> loader) {
		Assert.notNull(key, "key must not be null");
		Assert.notNull(loader, "loader must not be null");
		return cache(cacheName).get(key, loader);
	}

	/**
	 * Remove the key from the named cache.
	 * @param cacheName the cache
	 * @param key the key
	 * @throws IllegalArgumentException if there is no such cache
	 */
	public void evict(String cacheName, Object key) {
		cache(cacheName).evict(key);
	}

	private Cache cache(String cacheName) {
		Cache cache = this.cacheManager.getCache(cacheName);
		Assert.isTrue(cache != null, () -> "No cache named '" + cacheName
				+ "'; list it under redis-cache.caches or set redis-cache.allow-runtime-caches=true");
		return cache;
	}

}
