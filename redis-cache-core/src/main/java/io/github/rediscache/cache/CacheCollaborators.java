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

import java.time.Clock;

import io.github.rediscache.cache.near.NearCaches;
import io.github.rediscache.cache.writer.GuardedCacheWriter;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.stampede.AsyncLoadCoordinator;
import io.github.rediscache.stampede.LoadCoordinator;

/**
 * What the caches of one manager share: the load coordinator (single flight, leases and
 * early refresh), the clock that load times and expiries are read from, and the listener
 * of events callers never see.
 *
 * @param writer the writer every cache of the manager uses
 * @param coordinator coordinates loads across threads and instances
 * @param asyncCoordinator coordinates loads that return a future, without waiting threads
 * @param clock the clock of load times and expiries
 * @param listener told about loads, leases, refreshes, fallbacks and unreadable entries
 * @param largeValueBytes entries above this size are written but warned about
 * @param near the near caches of the manager's caches
 * @param observations the observations of loads, waits and fallbacks
 * @author redis-cache authors
 */
record CacheCollaborators(GuardedCacheWriter writer, LoadCoordinator coordinator, AsyncLoadCoordinator asyncCoordinator,
		Clock clock, CacheEventListener listener, long largeValueBytes, NearCaches near,
		CacheObservations observations) {
}
