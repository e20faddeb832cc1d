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
package io.github.rediscache.cache.near;

import java.util.function.LongSupplier;

/**
 * Told about the events of near caches, so that they can be counted: what Redis
 * invalidated, what a check or a flush dropped, and each near cache's statistics.
 * Implementations must be fast and must not throw.
 *
 * @author redis-cache authors
 * @see io.github.rediscache.cache.CacheEventListener
 */
public interface NearCacheListener {

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
