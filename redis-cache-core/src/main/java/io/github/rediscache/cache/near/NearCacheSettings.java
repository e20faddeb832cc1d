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

import java.time.Duration;

import io.github.rediscache.settings.Require;

/**
 * Settings of a cache's near cache: hot entries kept in-process, in front of Redis, and
 * dropped when Redis says they changed (server-assisted client-side caching).
 *
 * @param maxSize the most entries kept in-process for the cache
 * @param maxTtl the longest an entry is kept in-process (never longer than its Redis
 * expiry)
 * @param checkInterval how often each tracking connection is checked; a node that does
 * not answer, or whose connection was re-established (losing its tracking), has its
 * entries dropped: the staleness bound when invalidation messages cannot arrive
 * @param immutableValues whether the cache's values are never changed once returned
 * (records of immutable components, immutable classes): hits then share one decoded
 * instance instead of decoding the entry again, which is much faster; with {@code false}
 * (the default) every hit gets an instance of its own
 * @author redis-cache authors
 */
public record NearCacheSettings(long maxSize, Duration maxTtl, Duration checkInterval, boolean immutableValues) {

	/**
	 * 10,000 entries, 10 minutes at most, checked every second, an instance of its own
	 * for every hit.
	 */
	public static final NearCacheSettings DEFAULTS = new NearCacheSettings(10_000, Duration.ofMinutes(10),
			Duration.ofSeconds(1), false);

	/**
	 * Validate the settings.
	 * @param maxSize at least 1
	 * @param maxTtl a positive duration
	 * @param checkInterval a positive duration
	 * @param immutableValues whether hits share one decoded instance
	 */
	public NearCacheSettings {
		Require.atLeast("max-size", (int) Math.min(maxSize, Integer.MAX_VALUE), 1, "Set a bound such as 10000.");
		Require.positive("max-ttl", maxTtl);
		Require.positive("check-interval", checkInterval);
	}

}
