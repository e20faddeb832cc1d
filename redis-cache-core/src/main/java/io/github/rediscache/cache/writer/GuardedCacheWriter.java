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
package io.github.rediscache.cache.writer;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.RedisUnavailableException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCacheWriter} that never lets Redis trouble reach the caller: every call
 * goes through a {@link RedisGuard}; a read that cannot reach Redis is a miss, a write is
 * skipped (and remembered as an eviction unless it only filled the cache after a load,
 * see {@link #putLoaded}), and an eviction or clear is remembered in
 * {@link PendingInvalidations} and replayed in the background: at once after the next
 * successful call, and every second while Redis stays unavailable, so a replay never
 * waits for traffic. Reads of an invalidated key miss until its invalidation is replayed.
 *
 * @author redis-cache authors
 */
public class GuardedCacheWriter implements RedisCacheWriter {

	private static final Log logger = LogFactory.getLog(GuardedCacheWriter.class);

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Runnable NOTHING = () -> {
	};

	private final RedisCacheWriter delegate;

	private final RedisCacheWriter uncounted;

	private final RedisGuard guard;

	private final PendingInvalidations pending;

	private final CacheStatisticsCollector statistics;

	private final BiConsumer<String, FallbackReason> fallbacks;

	private final Function<String, byte[]> clearPatterns;

	private final ReplayScheduler replayScheduler;

	private final AtomicBoolean replaying = new AtomicBoolean();

	private final AtomicBoolean replayScheduled = new AtomicBoolean();

	private final AtomicBoolean retryScheduled = new AtomicBoolean();

	GuardedCacheWriter(RedisCacheWriter delegate, RedisGuard guard, PendingInvalidations pending,
			CacheStatisticsCollector statistics, BiConsumer<String, FallbackReason> fallbacks,
			Function<String, byte[]> clearPatterns, ReplayScheduler replayScheduler) {
		this.delegate = delegate.withStatisticsCollector(statistics);
		this.uncounted = delegate.withStatisticsCollector(CacheStatisticsCollector.none());
		this.guard = guard;
		this.pending = pending;
		this.statistics = statistics;
		this.fallbacks = fallbacks;
		this.clearPatterns = clearPatterns;
		this.replayScheduler = replayScheduler;
	}

	/**
	 * Create the writer chain of a cache manager: Spring Data Redis's non-locking writer
	 * with immediate writes, clears by {@code SCAN} and {@code UNLINK}, every call
	 * guarded.
	 * @param connectionFactory the factory of connections to Redis
	 * @param commandTimeout how long one scan or unlink round trip of a clear may take
	 * @param guard how calls to Redis are guarded
	 * @param pending where invalidations wait for replay
	 * @param clearPatterns the key pattern that clears a cache, by cache name; used to
	 * replay a clear
	 * @param fallbacks told about every fallback, by cache
	 * @param replayExecutor runs the replay of pending invalidations: at once after a
	 * successful call, and every second while Redis stays unavailable
	 * @return the writer
	 */
	public static GuardedCacheWriter create(RedisConnectionFactory connectionFactory, Duration commandTimeout,
			RedisGuard guard, PendingInvalidations pending, Function<String, byte[]> clearPatterns,
			BiConsumer<String, FallbackReason> fallbacks, ScheduledExecutorService replayExecutor) {
		RedisCacheWriter unlinking = new UnlinkingCacheWriter(SpringCacheWriters.immediateWrites(connectionFactory),
				connectionFactory, commandTimeout);
		return new GuardedCacheWriter(unlinking, guard, pending, CacheStatisticsCollector.create(), fallbacks,
				clearPatterns,
				(replay, delay) -> replayExecutor.schedule(replay, delay.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	@Nullable
	public byte[] get(String name, byte[] key) {
		return get(name, key, (Duration) null);
	}

	@Override
	@Nullable
	public byte[] get(String name, byte[] key, @Nullable Duration ttl) {
		if (this.pending.mustMiss(name, key)) {
			countGet(name, false);
			return null;
		}
		return guarded(name, key, () -> this.delegate.get(name, key, ttl), () -> countGet(name, false));
	}

	/**
	 * Read an entry without counting it in the statistics, for a caller that counts its
	 * own gets (see {@link #countGet}); a read that cannot reach Redis is a miss.
	 * @param name the cache name
	 * @param key the key
	 * @return the entry, or {@code null}
	 */
	@Nullable
	public byte[] getUncounted(String name, byte[] key) {
		if (this.pending.mustMiss(name, key)) {
			return null;
		}
		return guarded(name, key, () -> this.uncounted.get(name, key), NOTHING);
	}

	/**
	 * Read an entry through a reader of the caller's own (a near cache's tracked
	 * connection), without counting it, with the same pending-invalidation check, guard
	 * and fallback as {@link #get(String, byte[])}: a read that cannot reach Redis is a
	 * miss.
	 * @param name the cache name
	 * @param key the key
	 * @param reader reads the key
	 * @return the entry, or {@code null}
	 */
	@Nullable
	public byte[] getThrough(String name, byte[] key, UnaryOperator<byte[]> reader) {
		if (this.pending.mustMiss(name, key)) {
			return null;
		}
		return guarded(name, key, () -> reader.apply(key), NOTHING);
	}

	/**
	 * Read an entry without blocking and without counting it in the statistics, for a
	 * caller that counts its own gets; a read that cannot reach Redis is a miss.
	 * @param name the cache name
	 * @param key the key
	 * @return the entry, or {@code null}
	 */
	public CompletableFuture<byte[]> retrieveUncounted(String name, byte[] key) {
		return retrieveThrough(name, key, (read) -> this.uncounted.retrieve(name, read, null));
	}

	/**
	 * Read an entry without blocking through a reader of the caller's own (a near cache's
	 * tracked connection), without counting it, with the same pending-invalidation check,
	 * guard and fallback as {@link #retrieve}: a read that cannot reach Redis completes
	 * as a miss.
	 * @param name the cache name
	 * @param key the key
	 * @param reader reads the key
	 * @return the entry, or {@code null}
	 */
	public CompletableFuture<byte[]> retrieveThrough(String name, byte[] key,
			Function<byte[], ? extends CompletionStage<byte[]>> reader) {
		if (this.pending.mustMiss(name, key)) {
			return CompletableFuture.completedFuture(null);
		}
		return guardedAsync(name, key, () -> reader.apply(key), NOTHING);
	}

	/**
	 * Count one get in the statistics.
	 * @param name the cache name
	 * @param hit whether the caller was served without loading
	 */
	public void countGet(String name, boolean hit) {
		this.statistics.incGets(name);
		if (hit) {
			this.statistics.incHits(name);
		}
		else {
			this.statistics.incMisses(name);
		}
	}

	@Override
	public byte[] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		byte[] cached = get(name, key, timeToIdleEnabled ? ttl : null);
		if (cached != null) {
			return cached;
		}
		byte[] loaded = valueLoader.get();
		put(name, key, loaded, ttl);
		return loaded;
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	/**
	 * Read an entry without blocking; a read that cannot reach Redis completes as a miss.
	 */
	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		if (this.pending.mustMiss(name, key)) {
			countGet(name, false);
			return CompletableFuture.completedFuture(null);
		}
		return guardedAsync(name, key, () -> this.delegate.retrieve(name, key, ttl), () -> countGet(name, false));
	}

	/**
	 * Write an entry; one that cannot reach Redis is remembered like an eviction, so that
	 * the value it replaces is never served after the outage (Redis may keep its data
	 * across a partition or a restart).
	 */
	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		write(name, key, value, ttl, () -> rememberEviction(name, key));
	}

	/**
	 * Write an entry that fills the cache after a load; one that cannot reach Redis is
	 * skipped and forgotten: it replaces nothing the application changed, and remembering
	 * every such write would clear whole caches after a long outage.
	 * @param name the cache name
	 * @param key the key
	 * @param value the value
	 * @param ttl the time to live
	 */
	public void putLoaded(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		write(name, key, value, ttl, NOTHING);
	}

	private void write(String name, byte[] key, byte[] value, @Nullable Duration ttl, Runnable fallback) {
		guarded(name, key, () -> {
			this.delegate.put(name, key, value, ttl);
			return null;
		}, fallback);
	}

	/**
	 * Write an entry without blocking; like {@link #put}, one that cannot reach Redis is
	 * remembered as an eviction. The future never fails for an outage.
	 */
	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return guardedAsync(name, key, () -> this.delegate.store(name, key, value, ttl),
				() -> rememberEviction(name, key));
	}

	/**
	 * Write an entry that fills the cache after a load, without blocking; like
	 * {@link #putLoaded}, one that cannot reach Redis is forgotten.
	 * @param name the cache name
	 * @param key the key
	 * @param value the value
	 * @param ttl the time to live
	 * @return completes when the write was done or skipped; never fails for an outage
	 */
	public CompletableFuture<Void> storeLoaded(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return guardedAsync(name, key, () -> this.delegate.store(name, key, value, ttl), NOTHING);
	}

	@Override
	@Nullable
	public byte[] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return guarded(name, key, () -> this.delegate.putIfAbsent(name, key, value, ttl), NOTHING);
	}

	@Override
	public void remove(String name, byte[] key) {
		guarded(name, key, () -> {
			this.delegate.remove(name, key);
			return null;
		}, () -> rememberEviction(name, key));
	}

	/**
	 * Spring Data Redis 4's name for {@link #remove(String, byte[])}, which it calls
	 * instead: the same guarded eviction on both generations.
	 * @param name the cache name
	 * @param key the key
	 */
	public void evict(String name, byte[] key) {
		remove(name, key);
	}

	/**
	 * Evict a key in the background, for a caller that must not block (a thread of the
	 * Redis client): reads of the key miss until the eviction has run.
	 * @param name the cache name
	 * @param key the key
	 */
	public void removeLater(String name, byte[] key) {
		this.pending.evict(name, key);
		schedule(this.replayScheduled, Duration.ZERO);
	}

	private void rememberEviction(String name, byte[] key) {
		this.pending.evict(name, key);
		schedule(this.retryScheduled, RETRY_DELAY);
	}

	/**
	 * Spring Data Redis 4's name for {@link #clean(String, byte[])}, which it calls
	 * instead: the same guarded clear on both generations.
	 * @param name the cache name
	 * @param pattern the pattern of the cache's keys
	 */
	public void clear(String name, byte[] pattern) {
		clean(name, pattern);
	}

	@Override
	public void clean(String name, byte[] pattern) {
		guarded(name, null, () -> {
			this.delegate.clean(name, pattern);
			return null;
		}, () -> {
			this.pending.clear(name);
			schedule(this.retryScheduled, RETRY_DELAY);
		});
	}

	/**
	 * Clear a cache in the background, for a caller that must not block (a reactive
	 * {@code @CacheEvict(allEntries = true)} completes on a thread of the Redis client):
	 * reads of the cache miss until the clear has run.
	 * @param name the cache name
	 */
	public void clearLater(String name) {
		this.pending.clear(name);
		schedule(this.replayScheduled, Duration.ZERO);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector collector) {
		return new GuardedCacheWriter(this.delegate, this.guard, this.pending, collector, this.fallbacks,
				this.clearPatterns, this.replayScheduler);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

	/**
	 * Run a Redis call through the guard; if Redis is unavailable, run the fallback,
	 * count it and return {@code null}.
	 */
	@Nullable
	private <T> T guarded(String name, @Nullable byte[] routingKey, Supplier<T> call, Runnable fallback) {
		try {
			T result = this.guard.call(routingKey, call);
			afterSuccess();
			return result;
		}
		catch (RedisUnavailableException ex) {
			return fellBack(name, ex, fallback);
		}
	}

	/**
	 * Run an asynchronous Redis call through the guard; if Redis is unavailable, run the
	 * fallback, count it and complete with {@code null}.
	 */
	private <T> CompletableFuture<T> guardedAsync(String name, byte[] routingKey,
			Supplier<? extends CompletionStage<T>> call, Runnable fallback) {
		return this.guard.callAsync(routingKey, call).handle((result, failure) -> {
			if (failure == null) {
				afterSuccess();
				return result;
			}
			return fellBack(name, RedisUnavailableException.from(failure), fallback);
		});
	}

	@Nullable
	private <T> T fellBack(String name, RedisUnavailableException ex, Runnable fallback) {
		fallback.run();
		this.fallbacks.accept(name, ex.getReason());
		if (logger.isDebugEnabled()) {
			logger.debug("Cache '" + name + "' fell back (" + ex.getReason().tag() + ")", ex);
		}
		return null;
	}

	private void afterSuccess() {
		if (this.pending.size() > 0) {
			schedule(this.replayScheduled, Duration.ZERO);
		}
	}

	/**
	 * Schedule one replay after the delay unless one is already scheduled with this flag.
	 */
	private void schedule(AtomicBoolean scheduled, Duration delay) {
		if (scheduled.compareAndSet(false, true)) {
			try {
				this.replayScheduler.schedule(() -> {
					scheduled.set(false);
					replay();
				}, delay);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: what is pending stays pending.
				scheduled.set(false);
			}
		}
	}

	/**
	 * Replay what is pending, shard by shard: a shard that fails keeps its keys pending
	 * and is skipped for the rest of this round, while the other shards' keys are
	 * replayed (and stop being forced misses).
	 */
	private void replay() {
		if (!this.replaying.compareAndSet(false, true)) {
			return;
		}
		Set<String> failedShards = new HashSet<>();
		boolean complete = true;
		try {
			for (PendingInvalidations.Replay replay : this.pending.snapshot()) {
				if (replay.clear()) {
					complete &= replayed(null, failedShards, () -> {
						this.delegate.clean(replay.cacheName(), this.clearPatterns.apply(replay.cacheName()));
						this.pending.cleared(replay.cacheName(), replay.clearVersion());
					});
				}
				for (PendingInvalidations.PendingKey pendingKey : replay.keys()) {
					complete &= replayed(pendingKey.key(), failedShards, () -> {
						this.delegate.remove(replay.cacheName(), pendingKey.key());
						this.pending.evicted(replay.cacheName(), pendingKey.key(), pendingKey.version());
					});
				}
			}
		}
		finally {
			this.replaying.set(false);
		}
		if (complete) {
			logger.info("Ran the pending cache invalidations (those an outage held back, or handed over by a "
					+ "non-blocking read)");
		}
		if (this.pending.size() > 0) {
			schedule(this.retryScheduled, RETRY_DELAY);
		}
	}

	/**
	 * Run one replayed invalidation unless its shard already failed in this round.
	 * @return whether it ran
	 */
	private boolean replayed(@Nullable byte[] key, Set<String> failedShards, Runnable invalidation) {
		String shard = String.valueOf(this.guard.shardOf(key));
		if (failedShards.contains(shard)) {
			return false;
		}
		try {
			this.guard.call(key, () -> {
				invalidation.run();
				return null;
			});
			return true;
		}
		catch (RedisUnavailableException ex) {
			failedShards.add(shard);
			logger.debug("Replay of pending cache invalidations on shard " + shard + " failed; it is retried in "
					+ RETRY_DELAY, ex);
			return false;
		}
	}

	/**
	 * Runs a replay of pending invalidations after a delay.
	 */
	@FunctionalInterface
	interface ReplayScheduler {

		/**
		 * Run the replay once, after the delay.
		 * @param replay the replay
		 * @param delay how long to wait first; zero for at once
		 * @throws RejectedExecutionException if the scheduler is shut down
		 */
		void schedule(Runnable replay, Duration delay);

	}

}
