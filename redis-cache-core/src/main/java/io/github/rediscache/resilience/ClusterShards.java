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

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * Names the cluster shard that serves a key, from the topology Lettuce keeps current: the
 * {@code host:port} of the slot's primary. After a failover the slot maps to the promoted
 * replica, whose breaker starts closed.
 *
 * @author redis-cache authors
 */
final class ClusterShards implements Function<byte[], String> {

	private static final long REFRESH_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

	private final LettuceConnectionFactory connectionFactory;

	private final java.util.concurrent.atomic.AtomicLong topologyFailedAt = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong lastRefresh = new java.util.concurrent.atomic.AtomicLong(
			System.nanoTime() - REFRESH_INTERVAL_NANOS);

	/**
	 * Create the function over a connection factory.
	 * @param connectionFactory Spring Boot's Lettuce connection factory
	 */
	ClusterShards(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Ask Lettuce to re-read the cluster topology in the background, at most once a
	 * second. Called while a shard's breaker keeps calls away from it: no call then
	 * reaches Redis to be redirected, so without this the promoted replica would only be
	 * found by the periodic refresh.
	 */
	void refreshTopology() {
		long now = System.nanoTime();
		long last = this.lastRefresh.get();
		if (now - last >= REFRESH_INTERVAL_NANOS && this.lastRefresh.compareAndSet(last, now)
				&& this.connectionFactory.getNativeClient() instanceof RedisClusterClient client) {
			client.refreshPartitionsAsync();
		}
	}

	/**
	 * Return the primaries that serve slots in Lettuce's current topology.
	 * @return their {@code host:port}, or {@code null} if the topology is not known
	 */
	@Nullable
	Set<String> primaries() {
		Partitions partitions = partitions();
		if (partitions == null) {
			return null;
		}
		Set<String> primaries = new HashSet<>();
		for (RedisClusterNode node : partitions) {
			if (node.is(NodeFlag.UPSTREAM) && !node.getSlots().isEmpty() && node.getUri() != null) {
				primaries.add(node.getUri().getHost() + ":" + node.getUri().getPort());
			}
		}
		return primaries;
	}

	@Override
	@Nullable
	public String apply(byte[] key) {
		Partitions partitions = partitions();
		RedisClusterNode node = (partitions != null) ? partitions.getPartitionBySlot(SlotHash.getSlot(key)) : null;
		return (node != null && node.getUri() != null) ? node.getUri().getHost() + ":" + node.getUri().getPort() : null;
	}

	/**
	 * Return Lettuce's topology, or {@code null} while it cannot be had. Lettuce loads
	 * the initial topology on first use, synchronously; when the cluster is unreachable
	 * (at start-up, say) that fails after a connect attempt, so a failed load is not
	 * tried again for a second, and the caller's call goes to the default breaker, which
	 * counts its failure like any other.
	 */
	@Nullable
	private Partitions partitions() {
		if (!(this.connectionFactory.getNativeClient() instanceof RedisClusterClient client)) {
			return null;
		}
		long failedAt = this.topologyFailedAt.get();
		if (failedAt != 0 && System.nanoTime() - failedAt < REFRESH_INTERVAL_NANOS) {
			return null;
		}
		try {
			Partitions partitions = client.getPartitions();
			this.topologyFailedAt.set(0);
			return partitions;
		}
		catch (RedisException ex) {
			this.topologyFailedAt.set(System.nanoTime());
			return null;
		}
	}

}
