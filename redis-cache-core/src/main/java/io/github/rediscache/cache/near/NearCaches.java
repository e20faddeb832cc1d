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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.github.rediscache.cache.writer.GuardedCacheWriter;
import io.lettuce.core.AbstractRedisClient;

import org.springframework.lang.Nullable;

/**
 * The near caches of one manager, the tracked connections that fill them, and the
 * periodic check that drops what can no longer be trusted: the entries of a node that
 * stops answering, whose tracked connection was re-established, or that is no longer a
 * primary. Public for {@code io.github.rediscache.cache} alone; not an API.
 *
 * @author redis-cache authors
 */
public final class NearCaches implements AutoCloseable {

	/** No near cache for any cache. */
	public static final NearCaches NONE = new NearCaches(Map.of(), Set.of(), null, () -> null, (bytes) -> 0,
			Clock.systemUTC(), Duration.ofSeconds(1), new NearCacheListener() {
			}, null);

	private final Map<String, NearCacheSettings> perCache;

	private final Set<String> without;

	@Nullable
	private final NearCacheSettings defaults;

	private final Supplier<AbstractRedisClient> client;

	private final ToLongFunction<byte[]> expiresAt;

	private final Clock clock;

	private final Duration fillWait;

	private final NearCacheListener listener;

	@Nullable
	private final ScheduledExecutorService executor;

	private final Map<String, NearCache> caches = new ConcurrentHashMap<>();

	@Nullable
	private volatile TrackedReads reads;

	@Nullable
	private ScheduledFuture<?> checks;

	private volatile boolean stopped;

	private final AtomicLong nextWarmUp = new AtomicLong();

	/**
	 * Create the near caches of a manager.
	 * @param perCache the settings of caches with a near cache of their own
	 * @param without caches that have none, whatever the defaults
	 * @param defaults the settings of every other cache, or {@code null} for none
	 * @param client the application's Lettuce client
	 * @param expiresAt reads the Redis expiry written in an entry
	 * @param clock the clock expiries are measured against
	 * @param fillWait how long a caller that misses waits for another caller's read of
	 * the same key (the command timeout) before reading itself
	 * @param listener told about near hits, invalidations and flushes
	 * @param executor runs the checks
	 */
	public NearCaches(Map<String, NearCacheSettings> perCache, Set<String> without,
			@Nullable NearCacheSettings defaults, Supplier<AbstractRedisClient> client,
			ToLongFunction<byte[]> expiresAt, Clock clock, Duration fillWait, NearCacheListener listener,
			@Nullable ScheduledExecutorService executor) {
		this.perCache = Map.copyOf(perCache);
		this.without = Set.copyOf(without);
		this.defaults = defaults;
		this.client = client;
		this.expiresAt = expiresAt;
		this.clock = clock;
		this.fillWait = fillWait;
		this.listener = listener;
		this.executor = executor;
		if (!perCache.isEmpty() || defaults != null) {
			listener.nearTrackingStarted(this::serverTrackedKeys);
		}
	}

	/**
	 * Return the near cache of a cache, or {@code null} if it has none.
	 * @param name the cache name
	 * @return the near cache, or {@code null}
	 */
	@Nullable
	public NearCache forCache(String name) {
		NearCache near = this.caches.get(name);
		if (near != null) {
			return near;
		}
		NearCacheSettings settings = this.without.contains(name) ? null
				: this.perCache.getOrDefault(name, this.defaults);
		return (settings != null) ? this.caches.computeIfAbsent(name, (key) -> {
			NearCache created = new NearCache(settings, this.expiresAt, this.clock);
			this.listener.nearCacheCreated(key, created);
			return created;
		}) : null;
	}

	/**
	 * Read an entry the near cache missed through the tracked connection of the key's
	 * node, with the writer's pending-invalidation check, guard and fallback, and fill
	 * the near cache; callers that miss the same key meanwhile share the read.
	 * @param near the cache's near cache
	 * @param name the cache name
	 * @param key the Redis key
	 * @param counted whether to count the get in the cache's statistics
	 * @param writer the manager's writer
	 * @return the entry, or {@code null}
	 */
	@Nullable
	public byte[] fill(NearCache near, String name, byte[] key, boolean counted, GuardedCacheWriter writer) {
		near.countMiss();
		TrackedReads current = reads();
		if (current == null) {
			// Stopped: read as a cache without a near cache does.
			byte[] bytes = writer.getUncounted(name, key);
			if (counted) {
				writer.countGet(name, bytes != null);
			}
			return bytes;
		}
		// One wait per caller, however it is spent: for another caller's read of the
		// key, or for the key's node to be tracked.
		long deadline = System.nanoTime() + this.fillWait.toNanos();
		NearCache.Fill fill = near.startFill(key);
		byte[] bytes = fill.leads() ? null : fill.await(this.fillWait);
		if (fill.leads() || bytes == NearCache.Fill.NOT_SHARED) {
			bytes = (fill.leads()) ? lead(current, near, name, key, fill, writer)
					: read(current, name, key, writer, deadline);
		}
		if (counted) {
			writer.countGet(name, bytes != null);
		}
		return bytes;
	}

	@Nullable
	private byte[] lead(TrackedReads reads, NearCache near, String name, byte[] key, NearCache.Fill fill,
			GuardedCacheWriter writer) {
		TrackedNode[] node = new TrackedNode[1];
		int[] epoch = new int[1];
		try {
			byte[] bytes = writer.getThrough(name, key, (read) -> {
				TrackedNode owner = reads.nodeFor(read, this.fillWait);
				node[0] = owner;
				epoch[0] = owner.epoch();
				return owner.get(read);
			});
			if (node[0] == null || bytes == TrackedReads.NOT_TRACKED) {
				// No tracked connection to the key's node (its primary just failed over,
				// or its slot moved, and the tracking connection's view of the cluster
				// lags): read as a cache without a near cache does, which follows the
				// redirect and has Lettuce refresh that view, and fill nothing.
				node[0] = null;
				bytes = writer.getUncounted(name, key);
			}
			near.endFill(key, fill, bytes, node[0], epoch[0]);
			return bytes;
		}
		catch (RuntimeException | Error ex) {
			// The placeholder goes, so that later misses read instead of waiting on it.
			near.invalidate(key);
			fill.fail(ex);
			throw ex;
		}
	}

	/**
	 * Read without blocking an entry the near cache missed, as {@link #fill} does: the
	 * same placeholder, shared reads and checks, with the tracked read sent
	 * asynchronously. A caller never blocks here, so a key whose node must first be
	 * connected or tracked is read as a cache without a near cache reads it, and the node
	 * is tracked in the background for later reads.
	 * @param near the cache's near cache
	 * @param name the cache name
	 * @param key the Redis key
	 * @param counted whether to count the get in the cache's statistics
	 * @param writer the manager's writer
	 * @return the entry, or {@code null}
	 */
	public CompletableFuture<byte[]> retrieve(NearCache near, String name, byte[] key, boolean counted,
			GuardedCacheWriter writer) {
		near.countMiss();
		TrackedReads current = reads();
		TrackedNode node = (current != null) ? current.readyNodeFor(key) : null;
		if (node == null) {
			if (current != null) {
				warmUp(current, key);
			}
			return counted ? writer.retrieve(name, key, null) : writer.retrieveUncounted(name, key);
		}
		NearCache.Fill fill = near.startFill(key);
		CompletableFuture<byte[]> read = fill.leads() ? leadAsync(node, near, name, key, fill, writer)
				: fill.placeholder()
					.copy()
					.completeOnTimeout(NearCache.Fill.NOT_SHARED, this.fillWait.toNanos(), TimeUnit.NANOSECONDS)
					.exceptionally((failure) -> NearCache.Fill.NOT_SHARED)
					.thenCompose((shared) -> (shared != NearCache.Fill.NOT_SHARED)
							? CompletableFuture.completedFuture(shared) : retrieveRead(node, name, key, writer));
		return counted ? read.thenApply((bytes) -> {
			writer.countGet(name, bytes != null);
			return bytes;
		}) : read;
	}

	private CompletableFuture<byte[]> leadAsync(TrackedNode node, NearCache near, String name, byte[] key,
			NearCache.Fill fill, GuardedCacheWriter writer) {
		int epoch = node.epoch();
		return writer.retrieveThrough(name, key, node::retrieve).thenCompose((bytes) -> {
			if (bytes != TrackedReads.NOT_TRACKED) {
				near.endFill(key, fill, bytes, node, epoch);
				return CompletableFuture.completedFuture(bytes);
			}
			// As in a blocking fill: read through the normal connection, fill nothing.
			return writer.retrieveUncounted(name, key).whenComplete((read, failure) -> {
				near.endFill(key, fill, read, null, epoch);
			});
		}).whenComplete((bytes, failure) -> {
			if (failure != null) {
				near.invalidate(key);
				fill.fail(failure);
			}
		});
	}

	private CompletableFuture<byte[]> retrieveRead(TrackedNode node, String name, byte[] key,
			GuardedCacheWriter writer) {
		return writer.retrieveThrough(name, key, node::retrieve)
			.thenCompose((bytes) -> (bytes != TrackedReads.NOT_TRACKED) ? CompletableFuture.completedFuture(bytes)
					: writer.retrieveUncounted(name, key));
	}

	/**
	 * Connect and track a key's node in the background, at most once per check interval,
	 * so that a Redis that cannot be reached is not asked again for every miss.
	 */
	private void warmUp(TrackedReads reads, byte[] key) {
		long now = this.clock.millis();
		long next = this.nextWarmUp.get();
		if (this.executor == null || now < next
				|| !this.nextWarmUp.compareAndSet(next, now + checkInterval().toMillis())) {
			return;
		}
		reads.warmUp(key);
	}

	@Nullable
	private byte[] read(TrackedReads reads, String name, byte[] key, GuardedCacheWriter writer, long deadline) {
		Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
		byte[] bytes = writer.getThrough(name, key, (read) -> reads.nodeFor(read, left).get(read));
		return (bytes == TrackedReads.NOT_TRACKED) ? writer.getUncounted(name, key) : bytes;
	}

	/**
	 * Return the tracked reads, created on first use, or {@code null} once stopped.
	 */
	@Nullable
	private TrackedReads reads() {
		TrackedReads current = this.reads;
		if (current != null || this.stopped) {
			return current;
		}
		synchronized (this) {
			if (this.reads == null && !this.stopped) {
				this.reads = new TrackedReads(this.client.get(), this::invalidated, this.clock,
						checkInterval().plus(this.fillWait));
				if (this.executor != null) {
					long millis = checkInterval().toMillis();
					this.checks = this.executor.scheduleWithFixedDelay(this::check, millis, millis,
							TimeUnit.MILLISECONDS);
				}
			}
			return this.reads;
		}
	}

	private Duration checkInterval() {
		Duration shortest = (this.defaults != null) ? this.defaults.checkInterval() : null;
		for (NearCacheSettings settings : this.perCache.values()) {
			if (shortest == null || settings.checkInterval().compareTo(shortest) < 0) {
				shortest = settings.checkInterval();
			}
		}
		return (shortest != null) ? shortest : NearCacheSettings.DEFAULTS.checkInterval();
	}

	/**
	 * Return how many keys the primaries tracked, for all their clients, at their last
	 * check.
	 */
	private long serverTrackedKeys() {
		TrackedReads current = this.reads;
		return (current != null) ? current.nodes().stream().mapToLong(TrackedNode::serverTrackedKeys).sum() : 0;
	}

	/**
	 * Drop what can no longer be trusted; runs every check interval. The nodes are
	 * checked at once, each answer handled when it comes, so that a hung node delays
	 * neither the others nor the next check.
	 */
	void check() {
		this.caches.values().forEach(NearCache::sweep);
		TrackedReads current = this.reads;
		if (current == null) {
			return;
		}
		for (TrackedNode node : current.nodes()) {
			boolean primary = current.isPrimary(node);
			if (!node.isTrusted()) {
				// Its entries were dropped when it was distrusted; the next fill
				// re-tracks it, unless it left the primaries.
				if (!primary) {
					current.forget(node);
				}
			}
			else if (!primary) {
				node.distrust();
				flush(node, "topology");
			}
			else {
				node.check(this.fillWait, (this.executor != null) ? this.executor : Runnable::run)
					.thenAccept((distrusted) -> {
						if (distrusted) {
							flush(node, "check");
						}
					});
			}
		}
	}

	private void flush(TrackedNode node, String reason) {
		int dropped = 0;
		for (NearCache near : this.caches.values()) {
			dropped += near.invalidate(node);
		}
		if (dropped > 0) {
			this.listener.nearFlushed(reason, dropped);
		}
	}

	private void invalidated(TrackedNode node, @Nullable List<byte[]> keys) {
		if (keys == null) {
			// The node forgot every key it tracked: a fill that read before cannot be
			// invalidated any more, so none may install.
			node.forgetFills();
			flush(node, "flush");
			return;
		}
		this.caches.forEach((name, near) -> {
			int dropped = 0;
			for (byte[] key : keys) {
				dropped += near.invalidate(key) ? 1 : 0;
			}
			if (dropped > 0) {
				this.listener.nearInvalidated(name, dropped);
			}
		});
	}

	/**
	 * Let near caches fill again after {@link #stop()}, through new tracked connections.
	 */
	public synchronized void start() {
		this.stopped = false;
	}

	/**
	 * Close the tracked connections and drop every entry: until {@link #start()}, reads
	 * go to Redis as they do for a cache without a near cache. Called before the
	 * application's Lettuce client is shut down, which would otherwise close the
	 * connections under them.
	 */
	public synchronized void stop() {
		this.stopped = true;
		if (this.checks != null) {
			this.checks.cancel(false);
			this.checks = null;
		}
		TrackedReads current = this.reads;
		this.reads = null;
		if (current != null) {
			current.nodes().forEach(TrackedNode::distrust);
			current.close();
		}
		this.caches.values().forEach(NearCache::clear);
	}

	@Override
	public void close() {
		stop();
	}

}
