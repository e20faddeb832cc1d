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

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.cache.writer.PendingInvalidations;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @CachePut} while Redis is dead, then a restart of a Redis that keeps its data
 * (an append-only file, synced on every write): the entry the put replaced comes back
 * with the server, and must never be served. A cache that forgot the failed write would
 * serve it. Repeated, on the same server.
 */
@EmbeddedRedis(configuration = { "appendonly yes", "appendfsync always" })
class PutDuringOutageIntegrationTests {

	private static final int RUNS = 3;

	private final RedisNode node;

	private final RedisDeployment redis;

	PutDuringOutageIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
	}

	@Test
	void aPutWhileRedisIsDownIsNeverFollowedByTheValueItReplacedAfterARestartThatKeepsTheData() {
		TestContexts.with(this.redis)
			.withPropertyValues("spring.data.redis.timeout=250ms", "redis-cache.resilience.wait-in-open-state=1s")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				PendingInvalidations pending = context.getBean(ResilientRedisCacheManager.class).pendingInvalidations();
				int oldValuesServed = 0;
				for (int run = 0; run < RUNS; run++) {
					String old = "old-" + run;
					service.update(product(old));
					assertThat(service.product(1).name()).isEqualTo(old);
					this.node.call((commands) -> commands.set("kept-by-the-server", "yes"));
					this.node.kill();
					service.update(product("new-" + run));
					assertThat(pending.size("products")).as("the failed put is remembered").isOne();
					this.node.restart();
					assertThat(this.node.<Long>call((commands) -> commands.exists("kept-by-the-server")))
						.as("the server kept its data, the replaced entry included")
						.isOne();
					if (old.equals(service.product(1).name())) {
						oldValuesServed++;
					}
					await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 0);
					if (old.equals(service.product(1).name())) {
						oldValuesServed++;
					}
					this.node.call((commands) -> commands.del("kept-by-the-server"));
				}
				assertThat(oldValuesServed).isZero();
			});
	}

	private static Product product(String name) {
		return new Product(1, name, new BigDecimal("1.00"), Instant.parse("2026-11-26T10:15:30Z"),
				LocalDate.of(2026, 1, 31));
	}

}
