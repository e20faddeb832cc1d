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
package io.github.rediscache.stampede;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.stampede.RedisLeases.Lease;
import io.github.rediscache.testing.ConnectionFactories;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a cluster the one subscription hears releases on every shard: a lease is released by
 * a script on its key's primary, and Redis Cluster carries the message to every node.
 */
@EmbeddedRedis(topology = Topology.CLUSTER)
class LeaseReleasesClusterIntegrationTests {

	@Test
	void releasesOnEveryShardWakeTheirWaiters(RedisDeployment redis) {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		LettuceConnectionFactory connectionFactory = ConnectionFactories.hardenedFor(redis);
		LeaseReleases releases = new LeaseReleases(connectionFactory, executor, Clock.systemUTC());
		try {
			releases.released("{warm-up}~lease");
			await().atMost(Duration.ofSeconds(10)).until(releases::isSubscribed);
			RedisLeases leases = new RedisLeases(connectionFactory, RedisGuard.failSafe());
			List<CompletableFuture<Void>> heard = new ArrayList<>();
			List<String> primaries = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				String leaseKey = RedisLeases.leaseKeyFor("products::" + i);
				primaries.add(redis.primaryFor(leaseKey).toString());
				heard.add(releases.released(leaseKey));
				Lease lease = leases.tryAcquire(leaseKey, Duration.ofSeconds(10));
				assertThat(lease.release()).as(leaseKey).isTrue();
			}
			assertThat(primaries.stream().distinct()).as("shards").hasSize(3);
			await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().allMatch(CompletableFuture::isDone));
		}
		finally {
			releases.close();
			connectionFactory.destroy();
			executor.shutdownNow();
		}
	}

}
