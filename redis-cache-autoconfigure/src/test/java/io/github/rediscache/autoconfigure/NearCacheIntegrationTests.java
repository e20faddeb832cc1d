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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.github.rediscache.autoconfigure.app.AsyncCatalogueService;
import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.testing.CommandStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A near cache turned on by properties alone, on a 3 x 1 cluster, in two application
 * contexts standing for two instances.
 */
@EmbeddedRedis(topology = Topology.CLUSTER)
@ExtendWith(OutputCaptureExtension.class)
class NearCacheIntegrationTests {

	private final RedisDeployment redis;

	private final ApplicationContextRunner runner;

	NearCacheIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.runner = TestContexts.with(redis)
			.withPropertyValues("redis-cache.caches.products.near.enabled=true",
					"redis-cache.caches.products.near.check-interval=200ms");
	}

	@Test
	void hitsAreServedInProcessAndAPutThroughAnotherInstanceReachesThemWithinTheBound() {
		this.runner.run((first) -> this.runner.run((second) -> {
			CatalogueService writer = first.getBean(CatalogueService.class);
			CatalogueService reader = second.getBean(CatalogueService.class);
			for (long id = 1; id <= 6; id++) {
				Product loaded = reader.product(id);
				long key = id;
				// The invalidation of the key's first (empty) tracked read may still be
				// on its
				// way and drop the first fill: wait for a call served in-process.
				await().atMost(Duration.ofSeconds(1)).until(() -> {
					long before = redisGets();
					reader.product(key);
					return redisGets() == before;
				});
				long gets = redisGets();
				for (int i = 0; i < 50; i++) {
					assertThat(reader.product(id)).isEqualTo(loaded);
				}
				assertThat(redisGets()).as("50 hits served in-process").isEqualTo(gets);
				Product renamed = new Product(id, "renamed-" + id, new BigDecimal("1.00"),
						Instant.parse("2026-11-26T12:00:00Z"), LocalDate.of(2026, 2, 1));
				writer.update(renamed);
				await().atMost(Duration.ofSeconds(1)).until(() -> reader.product(key).equals(renamed));
				assertThat(reader.loads(id)).as("never reloaded").isOne();
			}
		}));
	}

	@Test
	void asynchronousCacheableMethodsAreServedInProcessAndAnEvictionThroughAnotherInstanceReachesThem() {
		ApplicationContextRunner runner = this.runner.withBean(AsyncCatalogueService.class)
			.withPropertyValues("redis-cache.caches.async-products.near.enabled=true",
					"redis-cache.caches.async-products.near.check-interval=200ms");
		runner.run((first) -> runner.run((second) -> {
			AsyncCatalogueService reader = second.getBean(AsyncCatalogueService.class);
			Cache elsewhere = first.getBean(CacheManager.class).getCache("async-products");
			for (long id = 1; id <= 6; id++) {
				long key = id;
				Product loaded = reader.future(id).join();
				await().atMost(Duration.ofSeconds(1)).until(() -> {
					long before = redisGets();
					reader.future(key).join();
					reader.mono(key).block(Duration.ofSeconds(5));
					return redisGets() == before;
				});
				long gets = redisGets();
				for (int i = 0; i < 20; i++) {
					assertThat(reader.future(id).join()).isEqualTo(loaded);
					assertThat(reader.mono(id).block(Duration.ofSeconds(5))).isEqualTo(loaded);
				}
				assertThat(redisGets()).as("40 hits served in-process").isEqualTo(gets);
				int loads = reader.loads("future");
				elsewhere.evict("future-" + id);
				await().atMost(Duration.ofSeconds(1)).until(() -> {
					reader.future(key).join();
					return reader.loads("future") > loads;
				});
			}
		}));
	}

	@Test
	void closingAnApplicationClosesItsTrackingConnectionsBeforeItsRedisClientWithoutWarnings(CapturedOutput output) {
		int[] running = new int[1];
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			for (long id = 1; id <= 6; id++) {
				service.product(id);
			}
			running[0] = output.getAll().length();
		});
		assertThat(output.getAll().substring(running[0])).as("logged while closing")
			.doesNotContain("WARN")
			.doesNotContain("ERROR");
	}

	private long redisGets() {
		return CommandStats.calls(this.redis, "get");
	}

}
