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

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The connections whose reads fill near caches: one per primary, with Redis's
 * server-assisted client-side caching on ({@code CLIENT TRACKING ON}, default mode), so
 * that Redis pushes an invalidation for every key read through it once the key changes.
 * In a cluster, a dedicated cluster connection of the application's own Lettuce client
 * (its TLS, credentials, timeouts and topology refresh) routes each key to the connection
 * of the primary that owns its slot, and invalidations arrive from that node. Built on
 * Lettuce's public API; Lettuce's own {@code ClientSideCaching} is standalone only.
 *
 * @author redis-cache authors
 */
final class TrackedReads implements AutoCloseable {

	/**
	 * What a tracked read returns when the key cannot be read through a tracked
	 * connection: its node no longer serves the key's slot (it moved, or is moving), or
	 * the node cannot track (see {@link TrackedNode#untrackable()}). Not an answer, and
	 * not a failure of Redis either: the key is read as without a near cache.
	 */
	static final byte[] NOT_TRACKED = new byte[0];

	private static final String STANDALONE = "standalone";

	/** The setup of the first connection to a cluster, before any node is known. */
	private static final String CLUSTER = "cluster";

	private final Map<String, CompletableFuture<TrackedNode>> setups = new ConcurrentHashMap<>();

	@Nullable
	private ExecutorService setupExecutor;

	private boolean closed;

	private final AbstractRedisClient client;

	private final BiConsumer<TrackedNode, List<byte[]>> invalidations;

	private final Clock clock;

	private final Duration validity;

	private final Map<String, TrackedNode> nodes = new ConcurrentHashMap<>();

	@Nullable
	private volatile StatefulRedisConnection<byte[], byte[]> standalone;

	@Nullable
	private volatile StatefulRedisClusterConnection<byte[], byte[]> cluster;

	/**
	 * Create the reads.
	 * @param client the application's Lettuce client
	 * @param invalidations told about the keys Redis invalidated, by node; a {@code null}
	 * list means every key of the node (a {@code FLUSHALL}, for one)
	 * @param clock the clock that reads and checks are timed by
	 * @param validity how long a node's answer to a check lets its entries be served
	 */
	TrackedReads(AbstractRedisClient client, BiConsumer<TrackedNode, List<byte[]>> invalidations, Clock clock,
			Duration validity) {
		this.client = client;
		this.invalidations = invalidations;
		this.clock = clock;
		this.validity = validity;
	}

	private TrackedNode newNode(String id) {
		return new TrackedNode(id, this.clock, this.validity);
	}

	/**
	 * Return the tracked node that owns a key, its tracking switched on, without letting
	 * the caller queue behind I/O: a node that is ready is returned at once; otherwise
	 * its connection and tracking are set up on a thread of their own (one setup per node
	 * at a time, shared by every caller that needs it), and the caller waits for it at
	 * most the given time. A server that hangs in the handshake, whose connect is bounded
	 * by {@code spring.data.redis.timeout} rather than the cache's timeouts, then costs
	 * each caller one wait, failed as a command timeout that the guard turns into a miss.
	 * @param key the Redis key
	 * @param maxWait the longest a caller waits for a setup (the command timeout)
	 * @return the node
	 */
	TrackedNode nodeFor(byte[] key, Duration maxWait) {
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (true) {
			TrackedNode ready = readyNodeFor(key);
			if (ready != null) {
				return ready;
			}
			String id = setupId(key);
			CompletableFuture<TrackedNode> setup = startSetUp(id, key);
			TrackedNode node;
			try {
				node = setup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				throw new RedisCommandTimeoutException("Tracking of the node of a near-cached key is still being "
						+ "switched on after " + maxWait.toMillis() + " ms; read without the near cache");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RedisCommandInterruptedException(ex);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new RedisConnectionException("Tracking could not be switched on", ex.getCause());
			}
			if (!CLUSTER.equals(id)) {
				// The node of this key, tracked, or untrackable (its reads say so).
				return node;
			}
			// The first connection to the cluster: now the key's own node is known.
		}
	}

	/**
	 * Start connecting and tracking the node of a key in the background, unless that is
	 * under way, without waiting for it.
	 * @param key the Redis key
	 */
	void warmUp(byte[] key) {
		if (readyNodeFor(key) == null) {
			startSetUp(setupId(key), key);
		}
	}

	/**
	 * The node a setup for the key is for: the key's owner when the cluster's topology is
	 * known, the standalone server, or the cluster as a whole before the first connection
	 * to it.
	 */
	private String setupId(byte[] key) {
		if (!(this.client instanceof RedisClusterClient)) {
			return STANDALONE;
		}
		StatefulRedisClusterConnection<byte[], byte[]> connection = this.cluster;
		RedisClusterNode owner = (connection != null)
				? connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)) : null;
		return (owner != null) ? owner.getUri().getHost() + ":" + owner.getUri().getPort() : CLUSTER;
	}

	private CompletableFuture<TrackedNode> startSetUp(String id, byte[] key) {
		return this.setups.compute(id, (name, running) -> {
			if (running != null && !running.isDone()) {
				return running;
			}
			try {
				return CompletableFuture.supplyAsync(() -> setUp(key), setupExecutor());
			}
			catch (RejectedExecutionException ex) {
				return CompletableFuture.failedFuture(new RedisConnectionException("The near cache is stopped"));
			}
		});
	}

	private synchronized ExecutorService setupExecutor() {
		if (this.closed) {
			throw new RejectedExecutionException("closed");
		}
		ExecutorService executor = this.setupExecutor;
		if (executor == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-near-setup-");
			threads.setDaemon(true);
			ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
					new SynchronousQueue<>(), threads);
			this.setupExecutor = pool;
			executor = pool;
		}
		return executor;
	}

	/**
	 * Connect and switch tracking on for the node that owns a key, blocking: runs on a
	 * setup thread only.
	 */
	private TrackedNode setUp(byte[] key) {
		if (this.client instanceof RedisClusterClient) {
			StatefulRedisClusterConnection<byte[], byte[]> connection = clusterConnection();
			RedisClusterNode owner = connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
			if (owner == null) {
				// Between a primary's failure and its replica's promotion: a Redis
				// failure,
				// which the guard turns into a miss like any other.
				throw new RedisConnectionException("No node owns hash slot " + SlotHash.getSlot(key) + " yet");
			}
			String id = owner.getUri().getHost() + ":" + owner.getUri().getPort();
			TrackedNode node = this.nodes.computeIfAbsent(id, this::newNode);
			node.track(connection.getConnection(owner.getNodeId()));
			return node;
		}
		TrackedNode node = this.nodes.computeIfAbsent(STANDALONE, this::newNode);
		node.track(standaloneConnection());
		return node;
	}

	/**
	 * Return the node that owns a key if its tracked connection is ready to read through,
	 * without blocking: {@code null} if it first has to be connected or tracked (see
	 * {@link #nodeFor(byte[])}).
	 * @param key the Redis key
	 * @return the node, or {@code null}
	 */
	@Nullable
	TrackedNode readyNodeFor(byte[] key) {
		String id = STANDALONE;
		if (this.client instanceof RedisClusterClient) {
			StatefulRedisClusterConnection<byte[], byte[]> connection = this.cluster;
			RedisClusterNode owner = (connection != null)
					? connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)) : null;
			if (owner == null) {
				return null;
			}
			id = owner.getUri().getHost() + ":" + owner.getUri().getPort();
		}
		TrackedNode node = this.nodes.get(id);
		return (node != null && node.isReady()) ? node : null;
	}

	/**
	 * Return the nodes read from so far.
	 * @return the nodes
	 */
	Collection<TrackedNode> nodes() {
		return this.nodes.values();
	}

	/**
	 * Whether a node still owns slots (is a primary) in the client's current view of the
	 * cluster; always true for a standalone server.
	 * @param node the node
	 * @return whether it is a primary
	 */
	boolean isPrimary(TrackedNode node) {
		StatefulRedisClusterConnection<byte[], byte[]> connection = this.cluster;
		if (connection == null) {
			return true;
		}
		return connection.getPartitions()
			.stream()
			.anyMatch((candidate) -> candidate.is(RedisClusterNode.NodeFlag.UPSTREAM)
					&& node.id().equals(candidate.getUri().getHost() + ":" + candidate.getUri().getPort()));
	}

	/**
	 * Stop checking a node that left the primaries; it comes back if a key's slot moves
	 * to it again.
	 * @param node the node
	 */
	void forget(TrackedNode node) {
		this.nodes.remove(node.id(), node);
	}

	private synchronized StatefulRedisConnection<byte[], byte[]> standaloneConnection() {
		StatefulRedisConnection<byte[], byte[]> connection = this.standalone;
		if (connection == null) {
			connection = ((RedisClient) this.client).connect(ByteArrayCodec.INSTANCE);
			connection.addListener((PushMessage message) -> pushed(this.nodes.get(STANDALONE), message));
			this.standalone = connection;
		}
		return connection;
	}

	private synchronized StatefulRedisClusterConnection<byte[], byte[]> clusterConnection() {
		StatefulRedisClusterConnection<byte[], byte[]> connection = this.cluster;
		if (connection == null) {
			connection = ((RedisClusterClient) this.client).connect(ByteArrayCodec.INSTANCE);
			connection.addListener((RedisClusterNode from, PushMessage message) -> pushed(
					this.nodes.get(from.getUri().getHost() + ":" + from.getUri().getPort()), message));
			this.cluster = connection;
		}
		return connection;
	}

	private void pushed(@Nullable TrackedNode node, PushMessage message) {
		if (node == null || !"invalidate".equals(message.getType())) {
			return;
		}
		List<Object> content = message.getContent(TrackedReads::bytes);
		Object keys = (content.size() > 1) ? content.get(1) : null;
		if (keys instanceof List<?> list) {
			this.invalidations.accept(node, list.stream().map(byte[].class::cast).toList());
		}
		else {
			this.invalidations.accept(node, null);
		}
	}

	private static Object bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		ExecutorService executor = this.setupExecutor;
		if (executor != null) {
			executor.shutdownNow();
		}
		// The application's client may have been shut down first, closing them.
		StatefulRedisConnection<byte[], byte[]> connection = this.standalone;
		if (connection != null && connection.isOpen()) {
			connection.close();
		}
		StatefulRedisClusterConnection<byte[], byte[]> clustered = this.cluster;
		if (clustered != null && clustered.isOpen()) {
			clustered.close();
		}
	}

}
