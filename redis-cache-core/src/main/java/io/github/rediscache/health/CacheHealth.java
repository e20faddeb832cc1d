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
package io.github.rediscache.health;

import java.util.Map;

import io.github.rediscache.cache.writer.PendingInvalidations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.RedisUnavailableException;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The health of a cache manager's Redis. A cache outage degrades the service but does not
 * stop it: callers are served by their loaders. So the state is {@code degraded} while
 * Redis does not answer a {@code PING} through the guard or any circuit breaker is not
 * closed, and never "down"; how a glue module reports it is its choice.
 *
 * @author redis-cache authors
 */
public final class CacheHealth {

	private final RedisConnectionFactory connectionFactory;

	private final RedisGuard guard;

	private final PendingInvalidations pending;

	/**
	 * Create the health of a cache manager's Redis.
	 * @param connectionFactory the factory of connections to Redis
	 * @param guard how the caches' Redis calls are guarded
	 * @param pending the invalidations waiting for replay
	 */
	public CacheHealth(RedisConnectionFactory connectionFactory, RedisGuard guard, PendingInvalidations pending) {
		this.connectionFactory = connectionFactory;
		this.guard = guard;
		this.pending = pending;
	}

	/**
	 * Ping Redis through the guard and read the breakers' states.
	 * @return the state now
	 */
	public State check() {
		Map<String, String> breakers = this.guard.breakerStates();
		boolean degraded = breakers.values().stream().anyMatch((state) -> !"CLOSED".equals(state));
		String ping;
		try {
			ping = this.guard.call(null, () -> {
				try (RedisConnection connection = this.connectionFactory.getConnection()) {
					return connection.ping();
				}
			});
		}
		catch (RedisUnavailableException ex) {
			degraded = true;
			ping = ex.getReason().tag();
		}
		return new State(degraded, ping, breakers, this.pending.size());
	}

	/**
	 * The health of the cache's Redis at one moment.
	 *
	 * @param degraded whether callers are (or may be) served without the cache
	 * @param ping Redis's answer to {@code PING}, or why there was none
	 * @param breakers the circuit breakers' states by name
	 * @param pendingInvalidations evictions and clears waiting for replay
	 */
	public record State(boolean degraded, String ping, Map<String, String> breakers, int pendingInvalidations) {
	}

}
