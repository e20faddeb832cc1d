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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * Wakes the callers of this instance that wait for another instance's load as soon as its
 * lease is released, rather than at their next poll: the release script publishes the
 * lease key on {@value #CHANNEL} (with {@code redis.pcall}, so a user whose ACL refuses
 * {@code PUBLISH} still releases), and one subscription per cache manager, on a
 * connection of its own that Lettuce subscribes again after a reconnect, completes the
 * waiters of that key. The subscription starts in the background at the first wait.
 * Polling stays as it was, so a lost message, a refused {@code SUBSCRIBE} or a server
 * that is down cost what they cost before: the wait until the next poll.
 *
 * @author redis-cache authors
 */
public final class LeaseReleases implements AutoCloseable {

	/**
	 * The channel lease releases are published on.
	 */
	public static final String CHANNEL = "redis-cache:lease-released";

	static final byte[] CHANNEL_BYTES = CHANNEL.getBytes(StandardCharsets.UTF_8);

	/**
	 * Notifications that never come: every waiter polls.
	 */
	public static final LeaseReleases NONE = new LeaseReleases(null, Runnable::run, Clock.systemUTC());

	private static final Log logger = LogFactory.getLog(LeaseReleases.class);

	private static final long RETRY_MILLIS = 30_000;

	@Nullable
	private final LettuceConnectionFactory client;

	private final Executor executor;

	private final Clock clock;

	private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

	private final AtomicBoolean subscribing = new AtomicBoolean();

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	@Nullable
	private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscription;

	private volatile long nextAttempt;

	private volatile boolean closed;

	/**
	 * Create the notifications of a cache manager's leases.
	 * @param connectionFactory the connection factory whose Lettuce client subscribes;
	 * with another factory, or {@code null}, every waiter polls
	 * @param executor where the subscription is made, never a caller's thread
	 * @param clock the clock of retries after a failed subscription
	 */
	public LeaseReleases(@Nullable RedisConnectionFactory connectionFactory, Executor executor, Clock clock) {
		this.client = (connectionFactory instanceof LettuceConnectionFactory lettuce) ? lettuce : null;
		this.executor = executor;
		this.clock = clock;
	}

	/**
	 * Return a future completed when the lease is next released. Register before asking
	 * for the lease, so that a release between the two is not missed.
	 * @param leaseKey the lease key
	 * @return the future, which may never complete; {@link #forget} it when done waiting
	 */
	CompletableFuture<Void> released(String leaseKey) {
		subscribeInBackground();
		return this.waiting.computeIfAbsent(leaseKey, (key) -> new CompletableFuture<>());
	}

	/**
	 * Stop waiting for a release.
	 * @param leaseKey the lease key
	 * @param released the future {@link #released} returned
	 */
	void forget(String leaseKey, CompletableFuture<Void> released) {
		this.waiting.remove(leaseKey, released);
	}

	/**
	 * Return whether releases are heard: the subscription is in place.
	 * @return whether it is
	 */
	public boolean isSubscribed() {
		return this.subscription != null;
	}

	private void subscribeInBackground() {
		if (this.client == null || this.subscription != null || this.closed || this.clock.millis() < this.nextAttempt
				|| !this.subscribing.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(this::subscribe);
		}
		catch (RejectedExecutionException ex) {
			this.subscribing.set(false);
		}
	}

	private void subscribe() {
		StatefulRedisPubSubConnection<byte[], byte[]> connection = null;
		try {
			connection = connect();
			connection.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(byte[] channel, byte[] message) {
					heard(message);
				}

			});
			connection.sync().subscribe(CHANNEL_BYTES);
			this.subscription = connection;
			if (this.closed) {
				close();
			}
		}
		catch (RuntimeException ex) {
			this.nextAttempt = this.clock.millis() + RETRY_MILLIS;
			closeQuietly(connection);
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.info("Callers waiting for another instance's load poll for its value: could not subscribe to '"
						+ CHANNEL + "' (" + ex.getMessage() + "); an ACL user needs +subscribe and &" + CHANNEL);
			}
		}
		finally {
			this.subscribing.set(false);
		}
	}

	/**
	 * A connection of the application's own Lettuce client (its TLS, credentials and
	 * timeouts), not one of the connection factory's: those are made under the factory's
	 * lock, which a caller on Lettuce's event loop may wait for.
	 */
	private StatefulRedisPubSubConnection<byte[], byte[]> connect() {
		AbstractRedisClient client = this.client.getNativeClient();
		if (client instanceof RedisClusterClient cluster) {
			return cluster.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		if (client instanceof RedisClient standalone) {
			return standalone.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		throw new IllegalStateException("no Lettuce client");
	}

	private void heard(byte[] leaseKey) {
		CompletableFuture<Void> released = this.waiting.remove(new String(leaseKey, StandardCharsets.UTF_8));
		if (released != null) {
			released.complete(null);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		StatefulRedisPubSubConnection<byte[], byte[]> connection = this.subscription;
		this.subscription = null;
		closeQuietly(connection);
	}

	private static void closeQuietly(@Nullable StatefulRedisPubSubConnection<byte[], byte[]> connection) {
		if (connection != null) {
			try {
				connection.closeAsync();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not close the lease release subscription", ex);
			}
		}
	}

}
