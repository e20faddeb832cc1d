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
package io.github.rediscache.resilience;

import java.time.Duration;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A server that hangs and thaws with its connection up is used again soon after it thaws,
 * not after the breaker's wait in the open state (a minute here): the guard asks it in
 * the background, with no caller involved. Repeated, because a probe that works once and
 * then stops would pass a single try.
 */
class OpenBreakerProbeIntegrationTests {

	private static final int FREEZES = 3;

	/** Open for a minute, so that only the probe can end the open state in the test. */
	private static final ResilienceSettings SETTINGS = new ResilienceSettings(50, 50, null, Duration.ofSeconds(10), 20,
			Duration.ofMinutes(1), 3, 3, 10000);

	static void freezeAndThawRepeatedly(RedisDeployment redis, RedisNode node, byte[] key) {
		LettuceConnectionFactory factory = ConnectionFactories.hardenedFor(redis);
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(CircuitBreakerRedisGuard.config(SETTINGS, Duration.ofMillis(500)));
		try (CircuitBreakerRedisGuard guard = CircuitBreakerRedisGuard.create(registry, factory, 3)) {
			int resumed = 0;
			for (int freeze = 0; freeze < FREEZES; freeze++) {
				assertThat(guard.call(key, () -> get(factory, key))).isEqualTo("value");
				node.suspend();
				try {
					for (int call = 0; call < 3; call++) {
						assertThatExceptionOfType(RedisUnavailableException.class)
							.isThrownBy(() -> guard.call(key, () -> get(factory, key)));
					}
					assertThat(guard.breakerFor(key).getState()).isEqualTo(CircuitBreaker.State.OPEN);
				}
				finally {
					node.resume();
				}
				await().atMost(Duration.ofSeconds(5))
					.until(() -> guard.breakerFor(key).getState() != CircuitBreaker.State.OPEN);
				resumed++;
			}
			assertThat(resumed).isEqualTo(FREEZES);
			assertThat(guard.call(key, () -> get(factory, key))).isEqualTo("value");
		}
		finally {
			factory.destroy();
		}
	}

	private static String get(LettuceConnectionFactory factory, byte[] key) {
		try (RedisConnection connection = factory.getConnection()) {
			byte[] value = connection.stringCommands().get(key);
			return (value != null) ? new String(value) : null;
		}
	}

	private static byte[] keyWithValue(RedisDeployment redis, String key) {
		redis.primaryFor(key).call((commands) -> commands.set(key, "value"));
		return key.getBytes();
	}

	@Nested
	@EmbeddedRedis
	class Standalone {

		@Test
		void aThawedServerIsUsedAgainWithinSecondsEveryTime(RedisDeployment redis) {
			freezeAndThawRepeatedly(redis, redis.nodes().get(0), keyWithValue(redis, "probed"));
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, replicasPerPrimary = 0)
	class Cluster {

		@Test
		void aThawedShardIsUsedAgainWithinSecondsEveryTime(RedisDeployment redis) {
			freezeAndThawRepeatedly(redis, redis.primaryFor("probed"), keyWithValue(redis, "probed"));
		}

	}

}
