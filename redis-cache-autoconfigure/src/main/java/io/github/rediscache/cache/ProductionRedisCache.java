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
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCache} that never lets a bad entry or a null reach the caller as an
 * exception:
 * <ul>
 * <li>an entry that cannot be read is a miss: it is evicted, reported to the
 * {@link CacheEventListener} and logged (once per cache at WARN, then at DEBUG);</li>
 * <li>{@code put(key, null)} on a cache that does not store nulls evicts the key instead
 * of throwing, so no stale value survives and {@code @Cacheable} methods may return
 * null.</li>
 * </ul>
 *
 * @author redis-cache authors
 */
public class ProductionRedisCache extends RedisCache {

	private static final Log logger = LogFactory.getLog(ProductionRedisCache.class);

	private final CacheEventListener listener;

	private final AtomicBoolean unreadableLogged = new AtomicBoolean();

	/**
	 * Create a cache.
	 * @param name the cache name
	 * @param writer the writer that talks to Redis
	 * @param configuration the cache configuration
	 * @param listener told about unreadable entries
	 */
	protected ProductionRedisCache(String name, RedisCacheWriter writer, RedisCacheConfiguration configuration,
			CacheEventListener listener) {
		super(name, writer, configuration);
		this.listener = listener;
	}

	@Override
	@Nullable
	protected Object lookup(Object key) {
		try {
			return super.lookup(key);
		}
		catch (SerializationException ex) {
			unreadable(key, ex);
			return null;
		}
	}

	/**
	 * Return the cached value, or load, store and return it. A loader exception is
	 * rethrown as {@link org.springframework.cache.Cache.ValueRetrievalException} and
	 * nothing is stored; a null result is stored only when the cache stores nulls.
	 */
	@Override
	@Nullable
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		ValueWrapper hit = get(key);
		if (hit != null) {
			return (T) hit.get();
		}
		T value;
		try {
			value = valueLoader.call();
		}
		catch (Exception ex) {
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		put(key, value);
		return value;
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		if (value == null && !isAllowNullValues()) {
			evict(key);
			return;
		}
		super.put(key, value);
	}

	@Override
	@Nullable
	public ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		if (value == null && !isAllowNullValues()) {
			return get(key);
		}
		return super.putIfAbsent(key, value);
	}

	private void unreadable(Object key, SerializationException cause) {
		String message = "Unreadable entry for key '" + key + "' in cache '" + getName()
				+ "' treated as a miss and evicted: " + cause.getMostSpecificCause().getMessage();
		if (this.unreadableLogged.compareAndSet(false, true)) {
			logger.warn(message + " (further unreadable entries of this cache are logged at DEBUG)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
		this.listener.unreadableEntry(getName(), key, cause);
		try {
			evict(key);
		}
		catch (DataAccessException ex) {
			logger.debug("Could not evict unreadable key '" + key + "' of cache '" + getName() + "'", ex);
		}
	}

}
