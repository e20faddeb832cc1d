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

import io.github.rediscache.health.CacheHealth;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The health of the cache's Redis as Spring Boot reports it. A cache outage degrades the
 * service but does not stop it, so an unreachable Redis or an open circuit breaker is
 * {@code DEGRADED} (HTTP 200), never {@code DOWN}: an orchestrator does not restart
 * instances that are serving from their loaders. Spring Boot's aggregate stays {@code UP}
 * unless {@code degraded} is added to {@code management.endpoint.health.status.order}.
 *
 * @author redis-cache authors
 */
class RedisCacheHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Redis is unreachable or a breaker is open; callers are served without the cache.
	 */
	static final Status DEGRADED = new Status("DEGRADED",
			"Redis is unreachable or a circuit breaker is open; callers are served by their loaders");

	private final CacheHealth health;

	RedisCacheHealthIndicator(CacheHealth health) {
		super("Redis cache health check failed");
		this.health = health;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		CacheHealth.State state = this.health.check();
		builder.status(state.degraded() ? DEGRADED : Status.UP)
			.withDetail("ping", state.ping())
			.withDetail("breakers", new LinkedHashMap<>(state.breakers()))
			.withDetail("pendingInvalidations", state.pendingInvalidations());
	}

}
