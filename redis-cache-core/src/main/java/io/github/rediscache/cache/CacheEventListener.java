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

import java.time.Duration;

import io.github.rediscache.cache.near.NearCacheListener;
import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.stampede.LeaseOutcome;

import org.springframework.cache.Cache;

/**
 * Told about events of a cache that callers never see, so that they can be counted and
 * logged, its near cache's included ({@link NearCacheListener}). Implementations must be
 * fast and must not throw.
 *
 * @author redis-cache authors
 */
public interface CacheEventListener extends NearCacheListener {

	/** A listener that ignores every event. */
	CacheEventListener NONE = new CacheEventListener() {
	};

	/**
	 * An entry could not be read (corrupt bytes, a class outside the allow-list, a type
	 * that changed after a deploy); it was treated as a miss and evicted.
	 * @param cacheName the cache
	 * @param key the cache key
	 * @param cause why it could not be read
	 */
	default void unreadableEntry(String cacheName, Object key, RuntimeException cause) {
	}

	/**
	 * A loader ran for a miss or an early refresh.
	 * @param cacheName the cache
	 * @param duration how long the loader took
	 * @param succeeded whether it returned a value (or null) rather than throwing
	 */
	default void loaded(String cacheName, Duration duration, boolean succeeded) {
	}

	/**
	 * A caller that missed used the key's lease in Redis.
	 * @param cacheName the cache
	 * @param outcome how the lease was used
	 */
	default void lease(String cacheName, LeaseOutcome outcome) {
	}

	/**
	 * An entry was refreshed before it expired.
	 * @param cacheName the cache
	 */
	default void earlyRefresh(String cacheName) {
	}

	/**
	 * A cache operation fell back instead of reaching Redis: a read became a miss, a
	 * write was skipped.
	 * @param cacheName the cache
	 * @param reason why
	 */
	default void fallback(String cacheName, FallbackReason reason) {
	}

	/**
	 * An entry was serialized for writing.
	 * @param cacheName the cache
	 * @param bytes the size of the entry in Redis, in bytes
	 */
	default void valueWritten(String cacheName, int bytes) {
	}

	/**
	 * A cache that was not configured up front was created at run time.
	 * @param cache the new cache
	 */
	default void cacheCreated(Cache cache) {
	}

}
