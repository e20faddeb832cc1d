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
import java.util.BitSet;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedRedis(topology = EmbeddedRedis.Topology.CLUSTER)
class ClusterIntegrationTests {

	private RedisClusterClient client;

	@AfterEach
	void shutdown() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Test
	void clientSeesAllSlotsOnThreePrimariesWithOneReplicaEach(RedisDeployment redis) {
		this.client = RedisClusterClient.create(seed(redis));
		Partitions partitions = this.client.getPartitions();
		List<RedisClusterNode> primaries = partitions.stream()
			.filter((node) -> node.is(RedisClusterNode.NodeFlag.UPSTREAM))
			.toList();
		BitSet covered = new BitSet();
		primaries.forEach((primary) -> primary.getSlots().forEach(covered::set));
		assertThat(redis.nodes()).hasSize(6);
		assertThat(primaries).hasSize(3);
		assertThat(partitions.stream().filter((node) -> node.is(RedisClusterNode.NodeFlag.REPLICA))).hasSize(3);
		assertThat(covered.cardinality()).isEqualTo(16384);
	}

	@Test
	void keysAreStoredOnTheShardThatOwnsTheirSlot(RedisDeployment redis) {
		this.client = RedisClusterClient.create(seed(redis));
		try (StatefulRedisClusterConnection<String, String> connection = this.client.connect()) {
			for (String key : List.of("alpha", "bravo", "charlie", "delta", "echo")) {
				connection.sync().set(key, "value-of-" + key);
				RedisNode owner = redis.primaryFor(key);
				String stored = owner.call((commands) -> commands.get(key));
				assertThat(stored).isEqualTo("value-of-" + key);
				RedisNode other = redis.nodes()
					.stream()
					.limit(3)
					.filter((node) -> node != owner)
					.findFirst()
					.orElseThrow();
				assertThatExceptionOfType(RedisCommandExecutionException.class)
					.isThrownBy(() -> other.call((commands) -> commands.get(key)))
					.withMessageStartingWith("MOVED");
			}
		}
	}

	static RedisURI seed(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		return RedisURI.create(node.host(), node.port());
	}

}
