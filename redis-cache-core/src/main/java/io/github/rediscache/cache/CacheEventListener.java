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
import java.util.function.LongSupplier;

import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.stampede.LeaseOutcome;

import org.springframework.cache.Cache;

/**
 * Told about events of a cache that callers never see, so that they can be counted and
 * logged. Implementations must be fast and must not throw.
 *
 * @author redis-cache authors
 */
public interface CacheEventListener {

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

	/**
	 * Redis said keys changed, and the near cache of a cache dropped what it held of
	 * them.
	 * @param cacheName the cache name
	 * @param keys how many of the keys the message named it held
	 */
	default void nearInvalidated(String cacheName, int keys) {
	}

	/**
	 * The near caches dropped every entry read from a node.
	 * @param reason {@code check} (the node did not answer, or its tracking connection
	 * was re-established), {@code topology} (it is no longer a primary) or {@code flush}
	 * (Redis flushed its keys)
	 * @param entries how many entries were dropped
	 */
	default void nearFlushed(String reason, int entries) {
	}

	/**
	 * The manager has near caches, filled through tracked connections.
	 * @param serverTrackedKeys returns how many keys the primaries tracked for all their
	 * clients ({@code tracking_total_keys}) at their last check
	 */
	default void nearTrackingStarted(LongSupplier serverTrackedKeys) {
	}

	/**
	 * A cache's near cache was created. Its hits are counted by the near cache itself,
	 * not told one by one: a hit costs less than a call per hit would.
	 * @param cacheName the cache name
	 * @param statistics its size, hits and misses
	 */
	default void nearCacheCreated(String cacheName, NearCacheStatistics statistics) {
	}

}
