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
package io.github.rediscache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.rediscache.resilience.PendingInvalidations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.RedisUnavailableException;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The health of the cache's Redis. A cache outage degrades the service but does not stop
 * it, so an unreachable Redis or an open circuit breaker is {@code DEGRADED} (HTTP 200),
 * never {@code DOWN}: an orchestrator does not restart instances that are serving from
 * their loaders. Spring Boot's aggregate stays {@code UP} unless {@code degraded} is
 * added to {@code management.endpoint.health.status.order}.
 *
 * @author redis-cache authors
 */
class RedisCacheHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Redis is unreachable or a breaker is open; callers are served without the cache.
	 */
	static final Status DEGRADED = new Status("DEGRADED",
			"Redis is unreachable or a circuit breaker is open; callers are served by their loaders");

	private final RedisConnectionFactory connectionFactory;

	private final RedisGuard guard;

	private final PendingInvalidations pending;

	private final BreakerStates breakers;

	RedisCacheHealthIndicator(RedisConnectionFactory connectionFactory, RedisGuard guard, PendingInvalidations pending,
			BreakerStates breakers) {
		super("Redis cache health check failed");
		this.connectionFactory = connectionFactory;
		this.guard = guard;
		this.pending = pending;
		this.breakers = breakers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> states = this.breakers.states();
		boolean degraded = states.values().stream().anyMatch((state) -> !"CLOSED".equals(state));
		try {
			String pong = this.guard.call(null, () -> {
				try (RedisConnection connection = this.connectionFactory.getConnection()) {
					return connection.ping();
				}
			});
			builder.withDetail("ping", pong);
		}
		catch (RedisUnavailableException ex) {
			degraded = true;
			builder.withDetail("ping", ex.getReason().tag());
		}
		builder.status(degraded ? DEGRADED : Status.UP)
			.withDetail("breakers", new LinkedHashMap<>(states))
			.withDetail("pendingInvalidations", this.pending.size());
	}

	/**
	 * The states of the circuit breakers, by name; empty without Resilience4j.
	 */
	@FunctionalInterface
	interface BreakerStates {

		Map<String, String> states();

	}

}
