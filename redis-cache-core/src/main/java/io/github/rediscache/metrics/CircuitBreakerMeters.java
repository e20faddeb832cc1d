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

import io.github.rediscache.cache.writer.PendingInvalidations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges of redis-cache's resilience:
 * <ul>
 * <li>{@code redis.cache.breaker.state} (tag {@code breaker}): 0 closed, 1 open, 2
 * half-open, for every breaker, including those created later for new shards, and removed
 * with the breaker of a node that left the cluster;</li>
 * <li>{@code redis.cache.pending.invalidations}: evictions and clears waiting to be
 * replayed after an outage.</li>
 * </ul>
 *
 * @author redis-cache authors
 */
public class CircuitBreakerMeters implements MeterBinder {

	/** Name of the gauge of a breaker's state. */
	public static final String BREAKER_STATE = "redis.cache.breaker.state";

	private final CircuitBreakerRegistry breakers;

	private final PendingInvalidations pending;

	/**
	 * Create the binder.
	 * @param breakers the breakers around Redis calls
	 * @param pending the invalidations waiting for replay
	 */
	public CircuitBreakerMeters(CircuitBreakerRegistry breakers, PendingInvalidations pending) {
		this.breakers = breakers;
		this.pending = pending;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("redis.cache.pending.invalidations", this.pending, PendingInvalidations::size)
			.description("Evictions and clears that could not reach Redis, waiting for replay")
			.register(registry);
		this.breakers.getAllCircuitBreakers().forEach((breaker) -> bind(breaker, registry));
		this.breakers.getEventPublisher().onEntryAdded((event) -> bind(event.getAddedEntry(), registry));
		this.breakers.getEventPublisher()
			.onEntryRemoved((event) -> registry.find(BREAKER_STATE)
				.tag("breaker", event.getRemovedEntry().getName())
				.meters()
				.forEach(registry::remove));
	}

	private static void bind(CircuitBreaker breaker, MeterRegistry registry) {
		Gauge.builder(BREAKER_STATE, breaker, CircuitBreakerMeters::state)
			.description("State of a Redis circuit breaker: 0 closed, 1 open, 2 half-open")
			.tag("breaker", breaker.getName())
			.register(registry);
	}

	private static double state(CircuitBreaker breaker) {
		return switch (breaker.getState()) {
			case CLOSED, DISABLED, METRICS_ONLY -> 0;
			case OPEN, FORCED_OPEN -> 1;
			case HALF_OPEN -> 2;
		};
	}

}
