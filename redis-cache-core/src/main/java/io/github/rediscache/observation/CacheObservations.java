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
package io.github.rediscache.observation;

import java.util.function.BiConsumer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.github.rediscache.resilience.FallbackReason;

/**
 * The Micrometer observations of what a cache does that takes a caller's time without
 * reaching it as a cache operation: a load, a wait for another caller's load and a
 * fallback. Under Spring Boot's tracing each is a span, a child of the caller's own; with
 * a {@code MeterRegistry} each is a timer. Tags are low-cardinality only: the cache name
 * and an outcome, never a key.
 * <ul>
 * <li>{@value #LOAD}: the loader of a miss or of an early refresh, with the store that
 * follows; {@code trigger} is {@code miss} or {@code early-refresh}.</li>
 * <li>{@value #LEASE_WAIT}: a caller waiting for the value another caller loads;
 * {@code holder} is {@code this-instance} (a load in this JVM) or {@code other-instance}
 * (a lease in Redis), {@code outcome} is {@code served}, {@code acquired} (the lease was
 * freed and this caller loads), {@code timed-out} (it loads itself after the lease wait),
 * {@code unavailable} (Redis stopped answering; it loads itself) or {@code failed}.</li>
 * <li>{@value #FALLBACK}: a marker, started and stopped at once, where a cache operation
 * went without Redis; {@code reason} as in the fallback meter.</li>
 * </ul>
 *
 * @author redis-cache authors
 */
public final class CacheObservations {

	/** Observations that are never recorded. */
	public static final CacheObservations NONE = new CacheObservations(ObservationRegistry.NOOP);

	/** The name of a load's observation. */
	public static final String LOAD = "redis.cache.load";

	/** The name of a wait for another caller's load. */
	public static final String LEASE_WAIT = "redis.cache.lease.wait";

	/** The name of a fallback's observation. */
	public static final String FALLBACK = "redis.cache.fallback";

	/** The {@code trigger} of a load that follows a miss. */
	public static final String MISS = "miss";

	/** The {@code trigger} of a load that refreshes an entry before it expires. */
	public static final String EARLY_REFRESH = "early-refresh";

	/** The {@code holder} of a load this caller waits for in this JVM. */
	public static final String THIS_INSTANCE = "this-instance";

	/** The {@code holder} of a load this caller waits for through the lease in Redis. */
	public static final String OTHER_INSTANCE = "other-instance";

	/**
	 * The {@code outcome} of a wait that ended with the value the other caller loaded.
	 */
	public static final String SERVED = "served";

	/** The {@code outcome} of a wait that ended with this caller holding the lease. */
	public static final String ACQUIRED = "acquired";

	/** The {@code outcome} of a wait that ran out: this caller loads itself. */
	public static final String TIMED_OUT = "timed-out";

	/** The {@code outcome} of a wait that Redis stopped answering: this caller loads. */
	public static final String UNAVAILABLE = "unavailable";

	/** The {@code outcome} of a wait for a load that failed. */
	public static final String FAILED = "failed";

	private static final String OUTCOME = "outcome";

	private final ObservationRegistry registry;

	/**
	 * Create the observations of caches that record into the given registry.
	 * @param registry the registry
	 */
	public CacheObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Start observing a load.
	 * @param cacheName the cache
	 * @param trigger {@link #MISS} or {@link #EARLY_REFRESH}
	 * @return the started observation, to be stopped when the load and its store end
	 */
	public Observation load(String cacheName, String trigger) {
		return notStarted(LOAD, "cache load ", cacheName).lowCardinalityKeyValue("trigger", trigger).start();
	}

	/**
	 * Start observing a wait for another caller's load.
	 * @param cacheName the cache
	 * @param holder {@link #THIS_INSTANCE} or {@link #OTHER_INSTANCE}
	 * @return the started observation; end it with {@link #endWait}
	 */
	public Observation leaseWait(String cacheName, String holder) {
		return notStarted(LEASE_WAIT, "cache lease wait ", cacheName).lowCardinalityKeyValue("holder", holder).start();
	}

	/**
	 * End a wait for another caller's load.
	 * @param wait the observation {@link #leaseWait} started
	 * @param outcome {@link #SERVED}, {@link #ACQUIRED}, {@link #TIMED_OUT} or
	 * {@link #FAILED}
	 */
	public static void endWait(Observation wait, String outcome) {
		wait.lowCardinalityKeyValue(KeyValue.of(OUTCOME, outcome));
		wait.stop();
	}

	/**
	 * Record that a cache operation went without Redis.
	 * @param cacheName the cache
	 * @param reason why
	 */
	public void fallback(String cacheName, FallbackReason reason) {
		if (this.registry.isNoop()) {
			return;
		}
		notStarted(FALLBACK, "cache fallback ", cacheName).lowCardinalityKeyValue("reason", reason.tag())
			.start()
			.stop();
	}

	private Observation notStarted(String name, String contextualName, String cacheName) {
		return Observation.createNotStarted(name, this.registry)
			.contextualName(contextualName + cacheName)
			.lowCardinalityKeyValue("cache", cacheName);
	}

	/**
	 * Return a consumer of fallbacks that records each and then tells the given one.
	 * @param fallbacks told about every fallback, by cache
	 * @return the consumer
	 */
	public BiConsumer<String, FallbackReason> recording(BiConsumer<String, FallbackReason> fallbacks) {
		if (this.registry.isNoop()) {
			return fallbacks;
		}
		return (cacheName, reason) -> {
			fallback(cacheName, reason);
			fallbacks.accept(cacheName, reason);
		};
	}

}
