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
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.lettuce.core.Range;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * Forms a Redis Cluster from fresh nodes the way {@code redis-cli --cluster create} does,
 * but over plain commands: {@code CLUSTER ADDSLOTSRANGE}, {@code MEET} and
 * {@code REPLICATE}, then waits until every node agrees that the cluster is whole.
 */
final class ClusterFormation {

	static final int SLOTS = 16384;

	private final List<RedisNode> primaries;

	private final List<RedisNode> replicas;

	private final Duration timeout;

	ClusterFormation(List<RedisNode> primaries, List<RedisNode> replicas, Duration timeout) {
		this.primaries = primaries;
		this.replicas = replicas;
		this.timeout = timeout;
	}

	void form() {
		int count = this.primaries.size();
		for (int i = 0; i < count; i++) {
			Range<Integer> slots = Range.create(i * SLOTS / count, (i + 1) * SLOTS / count - 1);
			this.primaries.get(i).call((commands) -> commands.clusterAddSlotsRange(slots));
		}
		List<RedisNode> all = all();
		RedisNode first = all.get(0);
		for (RedisNode node : all.subList(1, all.size())) {
			first.call((commands) -> commands.dispatch(CommandType.CLUSTER, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).add("MEET")
						.add(node.host())
						.add(node.port())
						.add(node.busPort())));
		}
		await("every node to know all " + all.size() + " nodes",
				() -> all.stream().allMatch((node) -> knownNodes(node) == all.size()));
		for (int i = 0; i < this.replicas.size(); i++) {
			RedisNode primary = this.primaries.get(i % count);
			String primaryId = primary.call((commands) -> commands.clusterMyId());
			this.replicas.get(i).call((commands) -> commands.clusterReplicate(primaryId));
		}
		await("cluster_state:ok with every slot covered and every replica in sync", this::isHealthy);
	}

	private List<RedisNode> all() {
		return Stream.concat(this.primaries.stream(), this.replicas.stream()).toList();
	}

	private boolean isHealthy() {
		for (RedisNode node : all()) {
			String info = node.call((commands) -> commands.clusterInfo());
			if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_assigned:" + SLOTS)) {
				return false;
			}
			List<String> view = node.call((commands) -> commands.clusterNodes()).lines().toList();
			long replicasSeen = view.stream().filter((line) -> line.contains("slave")).count();
			if (view.size() != all().size() || replicasSeen != this.replicas.size()
					|| view.stream().anyMatch((line) -> line.contains("fail") || line.contains("handshake"))) {
				return false;
			}
		}
		return this.replicas.stream()
			.allMatch((replica) -> replica.call((commands) -> commands.info("replication"))
				.contains("master_link_status:up"));
	}

	private static long knownNodes(RedisNode node) {
		return node.call((commands) -> commands.clusterNodes())
			.lines()
			.filter((line) -> !line.contains("handshake"))
			.count();
	}

	private void await(String condition, BooleanSupplier check) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (!check.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				List<String> logs = new ArrayList<>();
				all().forEach((node) -> logs.add(node + ":\n" + node.logTail(10)));
				throw new IllegalStateException("Timed out after " + this.timeout + " waiting for " + condition + "\n"
						+ String.join("\n", logs));
			}
			RedisNode.pause(Duration.ofMillis(50));
		}
	}

}
