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
package io.github.rediscache.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.cache.near.NearCacheStatistics;
import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.stampede.LeaseOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.cache.Cache;

/**
 * Counts cache events in Micrometer and binds the standard cache meters to caches created
 * at run time.
 *
 * <ul>
 * <li>{@code redis.cache.unreadable.entries} (counter, tag {@code cache}): entries that
 * could not be read and were treated as misses.</li>
 * <li>{@code redis.cache.loads} (timer, tags {@code cache}, {@code result} =
 * {@code success|failure}): loader calls for misses and early refreshes.</li>
 * <li>{@code redis.cache.leases} (counter, tags {@code cache}, {@code outcome} =
 * {@code acquired|waited|wait_timed_out|unavailable}): how callers that missed used the
 * key's lease.</li>
 * <li>{@code redis.cache.early.refreshes} (counter, tag {@code cache}): entries refreshed
 * before they expired.</li>
 * <li>{@code redis.cache.fallbacks} (counter, tags {@code cache}, {@code reason} =
 * {@code open|timeout|connection|serialization|oom|other}): operations served without
 * Redis.</li>
 * <li>{@code redis.cache.value.size} (distribution summary in bytes, tag {@code cache}):
 * the size of each entry written, to size memory and spot large values.</li>
 * </ul>
 *
 * @author redis-cache authors
 */
public class MicrometerCacheEventListener implements CacheEventListener {

	/** Name of the counter of unreadable entries. */
	public static final String UNREADABLE_ENTRIES = "redis.cache.unreadable.entries";

	/** Name of the timer of loader calls. */
	public static final String LOADS = "redis.cache.loads";

	/** Name of the counter of lease outcomes. */
	public static final String LEASES = "redis.cache.leases";

	/** Name of the counter of fallbacks. */
	public static final String FALLBACKS = "redis.cache.fallbacks";

	/** Name of the counter of early refreshes. */
	public static final String EARLY_REFRESHES = "redis.cache.early.refreshes";

	/** Name of the distribution summary of written entry sizes. */
	public static final String VALUE_SIZE = "redis.cache.value.size";

	/**
	 * Reads of caches with a near cache, tagged {@code result}: {@code hit} served
	 * in-process.
	 */
	public static final String NEAR_GETS = "redis.cache.near.gets";

	/** Keys a near cache dropped because Redis said they changed. */
	public static final String NEAR_INVALIDATIONS = "redis.cache.near.invalidations";

	/** Entries dropped by node, tagged {@code reason}. */
	public static final String NEAR_FLUSHES = "redis.cache.near.flushes";

	/** Entries a near cache holds. */
	public static final String NEAR_SIZE = "redis.cache.near.size";

	/**
	 * Keys the primaries track for all their clients ({@code tracking_total_keys}, summed
	 * over the primaries), at their last check.
	 */
	public static final String NEAR_SERVER_TRACKED_KEYS = "redis.cache.near.server.tracked.keys";

	private final Map<String, Counter> nearInvalidations = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final Consumer<Cache> runtimeCacheBinder;

	/**
	 * Create a listener.
	 * @param registry where meters are registered
	 * @param runtimeCacheBinder binds the standard cache meters to a cache created at run
	 * time
	 */
	public MicrometerCacheEventListener(MeterRegistry registry, Consumer<Cache> runtimeCacheBinder) {
		this.registry = registry;
		this.runtimeCacheBinder = runtimeCacheBinder;
	}

	@Override
	public void unreadableEntry(String cacheName, Object key, RuntimeException cause) {
		Counter.builder(UNREADABLE_ENTRIES)
			.description("Cache entries that could not be read and were treated as misses")
			.tag("cache", cacheName)
			.register(this.registry)
			.increment();
	}

	@Override
	public void loaded(String cacheName, Duration duration, boolean succeeded) {
		Timer.builder(LOADS)
			.description("Loader calls for misses and early refreshes")
			.tag("cache", cacheName)
			.tag("result", succeeded ? "success" : "failure")
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void lease(String cacheName, LeaseOutcome outcome) {
		Counter.builder(LEASES)
			.description("How callers that missed used the key's lease in Redis")
			.tag("cache", cacheName)
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	@Override
	public void valueWritten(String cacheName, int bytes) {
		DistributionSummary.builder(VALUE_SIZE)
			.description("Size of the entries written")
			.baseUnit("bytes")
			.tag("cache", cacheName)
			.register(this.registry)
			.record(bytes);
	}

	@Override
	public void earlyRefresh(String cacheName) {
		Counter.builder(EARLY_REFRESHES)
			.description("Entries refreshed before they expired")
			.tag("cache", cacheName)
			.register(this.registry)
			.increment();
	}

	@Override
	public void fallback(String cacheName, FallbackReason reason) {
		Counter.builder(FALLBACKS)
			.description("Cache operations served without Redis: reads as misses, writes skipped")
			.tag("cache", cacheName)
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
	}

	@Override
	public void cacheCreated(Cache cache) {
		this.runtimeCacheBinder.accept(cache);
	}

	@Override
	public void nearInvalidated(String cacheName, int keys) {
		// Told on every invalidation message: one registry lookup per cache, not per
		// message.
		this.nearInvalidations
			.computeIfAbsent(cacheName,
					(name) -> Counter.builder(NEAR_INVALIDATIONS)
						.description("Keys a near cache dropped because Redis said they changed")
						.tag("cache", name)
						.register(this.registry))
			.increment(keys);
	}

	@Override
	public void nearFlushed(String reason, int entries) {
		Counter.builder(NEAR_FLUSHES)
			.description("Near cache entries dropped with every entry of their node")
			.tag("reason", reason)
			.register(this.registry)
			.increment(entries);
	}

	@Override
	public void nearTrackingStarted(LongSupplier serverTrackedKeys) {
		Gauge.builder(NEAR_SERVER_TRACKED_KEYS, serverTrackedKeys::getAsLong)
			.description("Keys the Redis primaries track for near caches (tracking_total_keys), at their last check")
			.strongReference(true)
			.register(this.registry);
	}

	@Override
	public void nearCacheCreated(String cacheName, NearCacheStatistics statistics) {
		Gauge.builder(NEAR_SIZE, statistics, NearCacheStatistics::size)
			.description("Entries a near cache holds")
			.tag("cache", cacheName)
			.register(this.registry);
		nearGets(cacheName, "hit", statistics, NearCacheStatistics::hits);
		nearGets(cacheName, "miss", statistics, NearCacheStatistics::misses);
	}

	private void nearGets(String cacheName, String result, NearCacheStatistics statistics,
			ToDoubleFunction<NearCacheStatistics> count) {
		FunctionCounter.builder(NEAR_GETS, statistics, count)
			.description("Reads of caches with a near cache; a hit was served in-process")
			.tag("cache", cacheName)
			.tag("result", result)
			.register(this.registry);
	}

}
