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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCacheWriter} that clears a cache with {@code SCAN} and {@code UNLINK} on
 * every primary of a cluster (Lettuce's cluster-wide scan), never {@code KEYS} and never
 * a blocking {@code DEL}, and refuses to clear a cache whose keys have no prefix. Every
 * other operation is Spring Data Redis's own.
 *
 * @author redis-cache authors
 */
class UnlinkingCacheWriter implements RedisCacheWriter {

	private static final int SCAN_COUNT = 1000;

	private final RedisCacheWriter delegate;

	private final RedisConnectionFactory connectionFactory;

	private final Duration timeout;

	/**
	 * Create a writer.
	 * @param delegate the writer for everything but {@link #clean(String, byte[])}
	 * @param connectionFactory a Lettuce connection factory
	 * @param timeout how long one scan or unlink round trip may take
	 */
	UnlinkingCacheWriter(RedisCacheWriter delegate, RedisConnectionFactory connectionFactory, Duration timeout) {
		this.delegate = delegate;
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	@Override
	public void clean(String name, byte[] pattern) {
		if (pattern.length <= 1) {
			throw new IllegalStateException("Refusing to clear cache '" + name
					+ "': its keys have no prefix, so the scan would match every key in Redis. "
					+ "Keep the key prefix of this cache enabled.");
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			@SuppressWarnings("unchecked")
			RedisKeyAsyncCommands<byte[], byte[]> commands = (RedisKeyAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			ScanArgs args = ScanArgs.Builder.matches(pattern).limit(SCAN_COUNT);
			KeyScanCursor<byte[]> cursor = await(commands.scan(args));
			unlink(commands, cursor.getKeys());
			while (!cursor.isFinished()) {
				cursor = await(commands.scan(cursor, args));
				unlink(commands, cursor.getKeys());
			}
		}
	}

	private void unlink(RedisKeyAsyncCommands<byte[], byte[]> commands, List<byte[]> keys) {
		if (!keys.isEmpty()) {
			await(commands.unlink(keys.toArray(new byte[0][])));
		}
	}

	private <T> T await(RedisFuture<T> future) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisSystemException("Interrupted while clearing a cache", ex);
		}
		catch (ExecutionException ex) {
			throw new RedisSystemException("Could not clear a cache: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QueryTimeoutException("Clearing a cache took longer than " + this.timeout, ex);
		}
	}

	@Override
	@Nullable
	public byte[] get(String name, byte[] key) {
		return this.delegate.get(name, key);
	}

	@Override
	@Nullable
	public byte[] get(String name, byte[] key, @Nullable Duration ttl) {
		return this.delegate.get(name, key, ttl);
	}

	@Override
	public byte[] get(String name, byte[] key, Supplier<byte[]> valueLoader, @Nullable Duration ttl,
			boolean timeToIdleEnabled) {
		return this.delegate.get(name, key, valueLoader, ttl, timeToIdleEnabled);
	}

	@Override
	public boolean supportsAsyncRetrieve() {
		return this.delegate.supportsAsyncRetrieve();
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, @Nullable Duration ttl) {
		return this.delegate.retrieve(name, key, ttl);
	}

	@Override
	public void put(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		this.delegate.put(name, key, value, ttl);
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return this.delegate.store(name, key, value, ttl);
	}

	@Override
	@Nullable
	public byte[] putIfAbsent(String name, byte[] key, byte[] value, @Nullable Duration ttl) {
		return this.delegate.putIfAbsent(name, key, value, ttl);
	}

	@Override
	public void remove(String name, byte[] key) {
		this.delegate.remove(name, key);
	}

	@Override
	public void clearStatistics(String name) {
		this.delegate.clearStatistics(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector collector) {
		return new UnlinkingCacheWriter(this.delegate.withStatisticsCollector(collector), this.connectionFactory,
				this.timeout);
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.delegate.getCacheStatistics(cacheName);
	}

}
