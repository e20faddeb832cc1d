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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedRedis(topology = Topology.CLUSTER)
class RedisCacheClusterIntegrationTests {

	private final RedisDeployment redis;

	private final ApplicationContextRunner runner;

	RedisCacheClusterIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.runner = TestContexts.with(redis)
			.withPropertyValues("redis-cache.caches.products.ttl=2h", "redis-cache.caches.user-sessions.ttl=15m");
	}

	@Test
	void storesJsonUnderPerCacheTtlsOnEveryShard() {
		this.runner.run((context) -> {
			assertThat(context.getBean(RedisConnectionFactory.class).getClusterConnection()).isNotNull();
			CatalogueService service = context.getBean(CatalogueService.class);
			Set<RedisNode> shards = new HashSet<>();
			for (long id = 0; id < 30; id++) {
				service.product(id);
				service.product(id);
				String key = "products::" + id;
				RedisNode owner = this.redis.primaryFor(key);
				shards.add(owner);
				String json = owner.call((commands) -> commands.get(key));
				assertThat(json).contains("\"name\":\"product-" + id + "\"");
				long ttl = owner.call((commands) -> commands.pttl(key));
				assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofMinutes(114), Duration.ofHours(2));
			}
			assertThat(shards).hasSize(3);
			assertThat(service.loads()).isEqualTo(30);
			service.recommendations("u");
			long ttl = this.redis.primaryFor("recommendations::u")
				.call((commands) -> commands.pttl("recommendations::u"));
			assertThat(Duration.ofMillis(ttl)).isBetween(Duration.ofMinutes(28), Duration.ofMinutes(30));
		});
	}

	@Test
	void evictAllEntriesScansEveryPrimaryAndLeavesOtherCachesAlone() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			for (long id = 100; id < 160; id++) {
				service.product(id);
			}
			service.session("kept");
			service.deleteAll();
			for (long id = 100; id < 160; id++) {
				String key = "products::" + id;
				long exists = this.redis.primaryFor(key).call((commands) -> commands.exists(key));
				assertThat(exists).as(key).isZero();
			}
			long kept = this.redis.primaryFor("user-sessions::kept")
				.call((commands) -> commands.exists("user-sessions::kept"));
			assertThat(kept).isOne();
		});
	}

}
