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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import io.github.rediscache.resilience.RedisGuard;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.types.Expiration;

/**
 * Per-key leases in Redis that tell instances which one of them loads a key: taken with
 * {@code SET lease token NX PX ttl}, always with an expiry, and released by a Lua
 * compare-and-delete, so that a holder whose lease already expired never deletes the
 * lease of the next holder. A holder that dies releases nothing: its lease expires.
 *
 * <p>
 * The lease key is in the same cluster hash slot as the entry key: it is {@code {<entry
 * key>}~lease}, or {@code <entry key>~lease} when the entry key has a hash tag of its
 * own.
 *
 * @author redis-cache authors
 */
class RedisLeases {

	/**
	 * Deletes the lease if the token is the holder's, and tells the waiters of other
	 * instances ({@link LeaseReleases}); {@code pcall}, so that an ACL that refuses
	 * {@code PUBLISH} does not keep the lease.
	 */
	private static final byte[] RELEASE = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
			  redis.pcall('publish', ARGV[2], KEYS[1])
			  return redis.call('del', KEYS[1])
			end
			return 0""".getBytes(StandardCharsets.UTF_8);

	private final RedisConnectionFactory connectionFactory;

	private final RedisGuard guard;

	/**
	 * Create leases on the given connection factory.
	 * @param connectionFactory the factory of connections to Redis
	 * @param guard how calls to Redis are guarded
	 */
	RedisLeases(RedisConnectionFactory connectionFactory, RedisGuard guard) {
		this.connectionFactory = connectionFactory;
		this.guard = guard;
	}

	/**
	 * Return the lease key for an entry key, in the same hash slot.
	 * @param entryKey the key of the cache entry
	 * @return the lease key
	 */
	static String leaseKeyFor(String entryKey) {
		int open = entryKey.indexOf('{');
		int close = (open >= 0) ? entryKey.indexOf('}', open + 1) : -1;
		boolean hasHashTag = close > open + 1;
		return (hasHashTag || entryKey.indexOf('}') >= 0) ? entryKey + "~lease" : "{" + entryKey + "}~lease";
	}

	/**
	 * Try to take the lease once, without waiting.
	 * @param leaseKey the lease key
	 * @param ttl how long the lease lives unless released
	 * @return the lease, or {@code null} if another holder has it
	 */
	Lease tryAcquire(String leaseKey, Duration ttl) {
		byte[] key = leaseKey.getBytes(StandardCharsets.UTF_8);
		byte[] token = newToken();
		Boolean taken = this.guard.call(key, () -> {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				return connection.stringCommands().set(key, token, Expiration.from(ttl), SetOption.SET_IF_ABSENT);
			}
		});
		return Boolean.TRUE.equals(taken) ? new Lease(key, token) : null;
	}

	/**
	 * Try to take the lease once, without waiting and without blocking a thread.
	 * @param leaseKey the lease key
	 * @param ttl how long the lease lives unless released
	 * @return the lease, or {@code null} if another holder has it; fails with a
	 * {@link io.github.rediscache.resilience.RedisUnavailableException} if Redis could
	 * not be asked
	 */
	CompletableFuture<Lease> tryAcquireAsync(String leaseKey, Duration ttl) {
		byte[] key = leaseKey.getBytes(StandardCharsets.UTF_8);
		byte[] token = newToken();
		return this.guard
			.callAsync(key, () -> reactive((connection) -> connection.stringCommands()
				.set(ByteBuffer.wrap(key), ByteBuffer.wrap(token), Expiration.from(ttl), SetOption.SET_IF_ABSENT)))
			.thenApply((taken) -> Boolean.TRUE.equals(taken) ? new Lease(key, token) : null);
	}

	/**
	 * Whether leases can be taken without blocking: the connection factory is reactive,
	 * as Lettuce's is.
	 * @return whether {@link #tryAcquireAsync} works
	 */
	boolean supportsAsync() {
		return this.connectionFactory instanceof ReactiveRedisConnectionFactory;
	}

	private <T> CompletableFuture<T> reactive(Function<ReactiveRedisConnection, Mono<T>> command) {
		ReactiveRedisConnectionFactory factory = (ReactiveRedisConnectionFactory) this.connectionFactory;
		return Mono
			.usingWhen(Mono.fromSupplier(factory::getReactiveConnection), command, ReactiveRedisConnection::closeLater)
			.toFuture();
	}

	private static byte[] newToken() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return (Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A lease this instance holds.
	 */
	final class Lease {

		private final byte[] key;

		private final byte[] token;

		private Lease(byte[] key, byte[] token) {
			this.key = key;
			this.token = token;
		}

		/**
		 * Release the lease if this holder still has it; a lease that expired and was
		 * taken by another holder is left alone.
		 * @return whether this holder's lease was deleted
		 */
		boolean release() {
			Long deleted = RedisLeases.this.guard.call(this.key, () -> {
				try (RedisConnection connection = RedisLeases.this.connectionFactory.getConnection()) {
					return connection.scriptingCommands()
						.eval(RELEASE, ReturnType.INTEGER, 1, this.key, this.token, LeaseReleases.CHANNEL_BYTES);
				}
			});
			return deleted != null && deleted == 1;
		}

		/**
		 * Release the lease like {@link #release()}, without blocking a thread.
		 * @return whether this holder's lease was deleted; fails if Redis could not be
		 * asked
		 */
		CompletableFuture<Boolean> releaseAsync() {
			return RedisLeases.this.guard
				.callAsync(this.key,
						() -> reactive((connection) -> connection.scriptingCommands()
							.<Long>eval(ByteBuffer.wrap(RELEASE), ReturnType.INTEGER, 1, ByteBuffer.wrap(this.key),
									ByteBuffer.wrap(this.token), ByteBuffer.wrap(LeaseReleases.CHANNEL_BYTES))
							.next()))
				.thenApply((deleted) -> deleted != null && deleted == 1);
		}

	}

}
