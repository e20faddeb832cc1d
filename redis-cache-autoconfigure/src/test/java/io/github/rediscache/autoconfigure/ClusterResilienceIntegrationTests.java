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
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.lettuce.core.cluster.SlotHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into a real 3 x 1 cluster while 8 threads call a cached method.
 */
class ClusterResilienceIntegrationTests {

	private static final int THREADS = 8;

	private static final int KEYS = 60;

	private static final long NODE_TIMEOUT_MILLIS = 1000;

	static ApplicationContextRunner runner(RedisDeployment redis) {
		return TestContexts.with(redis)
			.withPropertyValues("spring.data.redis.timeout=250ms", "redis-cache.resilience.minimum-number-of-calls=10",
					"redis-cache.resilience.wait-in-open-state=1s", "redis-cache.resilience.sliding-window=5s");
	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, clusterNodeTimeoutMillis = NODE_TIMEOUT_MILLIS)
	class KilledPrimary {

		/** Failovers in a row, each of the primary the last one promoted. */
		private static final int FAILOVERS = 3;

		/** Keys of the repeated failover, read with {@code sync = true}. */
		private static final int SYNC_KEYS = 300;

		@Test
		void everyFailoverUnderSyncLoadsCostsCallersNothingAndTheFailedShardHitsAgain(RedisDeployment redis) {
			runner(redis).run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				LongStream.range(0, SYNC_KEYS).forEach(service::productSync);
				String watched = "products::sync-0";
				int recovered = 0;
				for (int round = 1; round <= FAILOVERS; round++) {
					int failover = round;
					RedisNode failed = redis.primaryFor(watched);
					awaitLinkedReplica(redis, failed, watched);
					List<Long> onFailedShard = LongStream.range(0, SYNC_KEYS)
						.filter((id) -> redis.primaryFor("products::sync-" + id) == failed)
						.boxed()
						.toList();
					assertThat(onFailedShard).isNotEmpty();
					try (Traffic traffic = Traffic.start(THREADS, SYNC_KEYS, (id) -> service.productSync(id).id())) {
						failed.kill();
						await().atMost(Duration.ofMillis(NODE_TIMEOUT_MILLIS).plusSeconds(10))
							.ignoreExceptions()
							.until(() -> redis.primaryFor(watched) != failed);
						// Within 10 s of the cluster's own recovery, the failed shard's
						// keys hit again: their loads stop rising under traffic.
						await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
							List<Integer> before = onFailedShard.stream().map(service::loads).toList();
							long calls = traffic.calls();
							await().until(() -> traffic.calls() > calls + 1000);
							assertThat(onFailedShard.stream().map(service::loads).toList())
								.as("keys of the recovered shard hit the cache, failover %d", failover)
								.isEqualTo(before);
						});
						assertThat(traffic.failures()).as("caller errors, failover %d", failover).isEmpty();
						assertThat(traffic.wrongResults()).isEmpty();
					}
					String departed = CircuitBreakerRedisGuard.DEFAULT_BREAKER + "-" + failed.host() + ":"
							+ failed.port();
					await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
						Health health = context.getBean("redisCacheHealthIndicator", HealthIndicator.class).health();
						assertThat(health.getStatus()).as("health after the failover").isEqualTo(Status.UP);
						@SuppressWarnings("unchecked")
						Map<String, String> breakers = (Map<String, String>) health.getDetails().get("breakers");
						assertThat(breakers.keySet()).as("the departed primary's breaker is dropped")
							.doesNotContain(departed);
					});
					recovered++;
					// Back as a replica of the primary it lost its slots to, for the next
					// round.
					failed.restart();
				}
				assertThat(recovered).isEqualTo(FAILOVERS);
			});
		}

		/**
		 * Wait until a replica of the primary is linked and holds the watched key, so
		 * that killing the primary fails over without losing what was cached.
		 */
		private void awaitLinkedReplica(RedisDeployment redis, RedisNode primary, String key) {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> redis.nodes().stream().filter((node) -> node != primary).anyMatch((node) -> {
					try {
						return node.<Boolean>call((commands) -> {
							String info = commands.info("replication");
							if (!info.contains("master_port:" + primary.port())
									|| !info.contains("master_link_status:up")) {
								return false;
							}
							commands.readOnly();
							return commands.get(key) != null;
						});
					}
					catch (RuntimeException ex) {
						return false;
					}
				}));
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, clusterNodeTimeoutMillis = NODE_TIMEOUT_MILLIS)
	class PlannedChanges {

		@Test
		void plannedFailoverAndSlotMigrationUnderLoadAreInvisibleToCallers(RedisDeployment redis) throws Exception {
			runner(redis).run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				LongStream.range(0, KEYS).forEach(service::product);
				try (Traffic traffic = Traffic.start(THREADS, KEYS, (id) -> service.product(id).id())) {
					RedisNode primary = redis.primaryFor("products::1");
					RedisNode replica = redis.nodes()
						.stream()
						.filter((node) -> node != primary && isReplicaOf(node, primary))
						.findFirst()
						.orElseThrow();
					replica.call((commands) -> commands.clusterFailover(false));
					await().atMost(Duration.ofSeconds(15)).until(() -> redis.primaryFor("products::1") == replica);
					int slot = SlotHash.getSlot("products::2");
					RedisNode target = redis.nodes()
						.stream()
						.filter((node) -> node != redis.primaryForSlot(slot) && isPrimary(node))
						.findFirst()
						.orElseThrow();
					redis.migrateSlot(slot, target);
					assertThat(redis.primaryFor("products::2")).isSameAs(target);
					long calls = traffic.calls();
					await().until(() -> traffic.calls() > calls + 500);
					assertThat(traffic.failures()).isEmpty();
					assertThat(traffic.wrongResults()).isEmpty();
				}
				// A write that failed meanwhile (a command timeout on a loaded machine)
				// is
				// followed by the invalidation of its key, by design; only without one
				// must
				// the migrated entry have survived.
				double fallbacks = context.getBean(MeterRegistry.class)
					.find(MicrometerCacheEventListener.FALLBACKS)
					.counters()
					.stream()
					.mapToDouble(Counter::count)
					.sum();
				int loads = service.loads(2);
				service.product(2);
				if (fallbacks > 0) {
					// Possibly invalidated: once loaded again, it is cached.
					loads = service.loads(2);
					service.product(2);
				}
				assertThat(service.loads(2)).as("the migrated key is still cached").isEqualTo(loads);
			});
		}

		private boolean isPrimary(RedisNode node) {
			return node.<String>call((commands) -> commands.info("replication")).contains("role:master");
		}

		private boolean isReplicaOf(RedisNode node, RedisNode primary) {
			String info = node.call((commands) -> commands.info("replication"));
			return info.contains("role:slave") && info.contains("master_port:" + primary.port());
		}

	}

}
