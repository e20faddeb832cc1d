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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
 * skipped, and an eviction or clear is remembered in {@link PendingInvalidations} and
 * replayed, in the background, once Redis answers again. Reads of an invalidated key miss
 * until its invalidation is replayed.
 *
 * @author redis-cache authors
 */
public class GuardedCacheWriter implements RedisCacheWriter {

	private static final Log logger = LogFactory.getLog(GuardedCacheWriter.class);

	private static final Runnable NOTHING = () -> {
	};

	private final RedisCacheWriter delegate;

	private final RedisGuard guard;

	private final PendingInvalidations pending;

	private final CacheStatisticsCollector statistics;

	private final BiConsumer<String, FallbackReason> fallbacks;

	private final Function<String, byte[]> clearPatterns;

	private final Executor replayExecutor;

	private final AtomicBoolean replaying = new AtomicBoolean();

	GuardedCacheWriter(RedisCacheWriter delegate, RedisGuard guard, PendingInvalidations pending,
			CacheStatisticsCollector statistics, BiConsumer<String, FallbackReason> fallbacks,
			Function<String, byte[]> clearPatterns, Executor replayExecutor) {
		this.delegate = delegate.withStatisticsCollector(statistics);
		this.guard = guard;
		this.pending = pending;
		this.statistics = statistics;
		this.fallbacks = fallbacks;
		this.clearPatterns = clearPatterns;
		this.replayExecutor = replayExecutor;
	}

	/**
	 * Create the writer chain of a cache manager: Spring Data Redis's non-locking writer,
	 * clears by {@code SCAN} and {@code UNLINK}, every call guarded.
	 * @param connectionFactory the factory of connections to Redis
	 * @param commandTimeout how long one scan or unlink round trip of a clear may take
	 * @param guard how calls to Redis are guarded
	 * @param pending where invalidations wait for replay
	 * @param clearPatterns the key pattern that clears a cache, by cache name; used to
	 * replay a clear
	 * @param fallbacks told about every fallback, by cache
	 * @param replayExecutor runs the replay of pending invalidations
	 * @return the writer
	 */
	public static GuardedCacheWriter create(RedisConnectionFactory connectionFactory, Duration commandTimeout,
			RedisGuard guard, PendingInvalidations pending, Function<String, byte[]> clearPatterns,
			BiConsumer<String, FallbackReason> fallbacks, Executor replayExecutor) {
		RedisCacheWriter unlinking = new UnlinkingCacheWriter(
				RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory), connectionFactory, commandTimeout);
		return new GuardedCacheWriter(unlinking, guard, pending, CacheStatisticsCollector.create(), fallbacks,
				clearPatterns, replayExecutor);
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
			this.statistics.incMisses(name);
			return null;
		}
		return guarded(name, key, () -> this.delegate.get(name, key, ttl), () -> this.statistics.incMisses(name));
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
		return false;
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		return CompletableFuture.completedFuture(get(name, key, ttl));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		guarded(name, key, () -> {
			this.delegate.put(name, key, value, ttl);
			return null;
		}, NOTHING);
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		put(name, key, value, ttl);
		return CompletableFuture.completedFuture(null);
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
		}, () -> this.pending.evict(name, key));
	}

	@Override
	public void clean(String name, byte[] pattern) {
		guarded(name, null, () -> {
			this.delegate.clean(name, pattern);
			return null;
		}, () -> this.pending.clear(name));
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector collector) {
		return new GuardedCacheWriter(this.delegate, this.guard, this.pending, collector, this.fallbacks,
				this.clearPatterns, this.replayExecutor);
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
			fallback.run();
			this.fallbacks.accept(name, ex.getReason());
			if (logger.isDebugEnabled()) {
				logger.debug("Cache '" + name + "' fell back (" + ex.getReason().tag() + ")", ex);
			}
			return null;
		}
	}

	private void afterSuccess() {
		if (this.pending.size() > 0 && this.replaying.compareAndSet(false, true)) {
			try {
				this.replayExecutor.execute(this::replay);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: what is pending stays pending.
				this.replaying.set(false);
			}
		}
	}

	private void replay() {
		try {
			for (PendingInvalidations.Replay replay : this.pending.snapshot()) {
				if (replay.clear()) {
					byte[] pattern = this.clearPatterns.apply(replay.cacheName());
					this.guard.call(null, () -> {
						this.delegate.clean(replay.cacheName(), pattern);
						return null;
					});
					this.pending.cleared(replay.cacheName());
				}
				for (byte[] key : replay.keys()) {
					this.guard.call(key, () -> {
						this.delegate.remove(replay.cacheName(), key);
						return null;
					});
					this.pending.evicted(replay.cacheName(), key);
				}
			}
			logger.info("Replayed the cache invalidations that could not reach Redis during an outage");
		}
		catch (RedisUnavailableException ex) {
			logger.debug("Replay of pending cache invalidations stopped; it resumes after the next success", ex);
		}
		finally {
			this.replaying.set(false);
		}
	}

}
