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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.rediscache.resilience.ResilienceSettings;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first calls of a near cache need a tracked connection to the key's node. Against a
 * server frozen at start-up (its port accepts connections, nothing answers), connecting
 * and switching tracking on would hold each caller until
 * {@code spring.data.redis.timeout} and queue the others behind it; here every one of 32
 * concurrent first calls, 8 on each of 4 keys, is a miss within one command timeout and a
 * margin, and the near cache works once the server thaws.
 */
@EmbeddedRedis
class NearCacheFrozenServerIntegrationTests {

	private static final int CALLERS = 32;

	private static final Duration COMMAND_TIMEOUT = NearCacheInstances.COMMAND_TIMEOUT;

	@Test
	void concurrentFirstCallsAgainstAFrozenServerEachMissWithinOneCommandTimeout(RedisDeployment redis)
			throws Exception {
		RedisNode node = redis.nodes().get(0);
		LettuceConnectionFactory factory = ConnectionFactories.hardenedFor(redis);
		CircuitBreakerRegistry registry = CircuitBreakerRegistry
			.of(CircuitBreakerRedisGuard.config(ResilienceSettings.DEFAULTS, COMMAND_TIMEOUT));
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(factory)
			.nearCache("products", new NearCacheSettings(1000, Duration.ofMinutes(1), Duration.ofMillis(100), false))
			.guard(CircuitBreakerRedisGuard.create(registry, factory))
			.commandTimeout(COMMAND_TIMEOUT)
			.build();
		manager.afterPropertiesSet();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try {
			Cache products = manager.getCache("products");
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Long>> took = new ArrayList<>();
			node.suspend();
			try {
				for (int caller = 0; caller < CALLERS; caller++) {
					String key = "key-" + (caller % 4);
					took.add(callers.submit(() -> {
						start.await();
						long begin = System.nanoTime();
						assertThat(products.get(key)).isNull();
						return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
					}));
				}
				start.countDown();
				List<Long> millis = new ArrayList<>();
				for (Future<Long> each : took) {
					millis.add(each.get(30, TimeUnit.SECONDS));
				}
				assertThat(millis).as("milliseconds each first call took")
					.allSatisfy((each) -> assertThat(each).isLessThanOrEqualTo(COMMAND_TIMEOUT.toMillis() + 100));
			}
			finally {
				node.resume();
			}
			// Writes made while the breaker is still open are skipped (and remembered as
			// evictions), so write until one lands.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				products.put("key-0", "v");
				assertThat(products.get("key-0", String.class)).isEqualTo("v");
			});
		}
		finally {
			callers.shutdownNow();
			manager.destroy();
			factory.destroy();
		}
	}

}
