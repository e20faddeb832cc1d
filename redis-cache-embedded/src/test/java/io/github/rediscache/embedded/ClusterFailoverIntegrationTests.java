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
package io.github.rediscache.embedded;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedRedis(topology = EmbeddedRedis.Topology.CLUSTER, clusterNodeTimeoutMillis = 1000)
class ClusterFailoverIntegrationTests {

	@Test
	void replicaTakesOverWithinSecondsWhenItsPrimaryIsKilled(RedisDeployment redis) {
		RedisNode primary = redis.primaryFor("orders");
		primary.kill();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(redis.primaryFor("orders")).isNotSameAs(primary));
		RedisNode promoted = redis.primaryFor("orders");
		String role = promoted.call((commands) -> commands.info("replication"));
		assertThat(role).contains("role:master");
		promoted.call((commands) -> commands.set("orders", "kept"));
		String value = promoted.call((commands) -> commands.get("orders"));
		assertThat(value).isEqualTo("kept");
	}

}
