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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.lang.Nullable;

/**
 * A primary read through a tracked connection. Its epoch changes whenever tracking is
 * switched on anew and whenever the node forgets what it tracked (a flush), so that an
 * entry filled before can be told apart.
 * <p>
 * Tracking is switched on once per connection, after checking that it can work: a
 * connection that speaks RESP2 gets no invalidations, and a server that refuses
 * {@code CLIENT TRACKING} (an ACL without {@code +client}, a proxy, Redis before 6)
 * cannot track at all. Such a node is {@link #untrackable()}: its keys are read as
 * without a near cache, with one warning that names the reason, and never counted as a
 * failure of Redis.
 *
 * @author redis-cache authors
 */
final class TrackedNode {

	private static final Log logger = LogFactory.getLog(TrackedNode.class);

	private final String id;

	private final Clock clock;

	private final long validityMillis;

	@Nullable
	private volatile StatefulRedisConnection<byte[], byte[]> connection;

	private volatile long clientId = -1;

	/** Compared for equality only: it would take 2^32 changes to come round again. */
	private volatile int epoch;

	private volatile boolean trusted;

	/**
	 * Until when (by the clock) the node's entries may be served: the time the last
	 * successful check (or the switch) was sent, plus the validity.
	 */
	private volatile long trustedUntil;

	@Nullable
	private volatile String untrackable;

	private volatile long serverTrackedKeys;

	@Nullable
	private CompletableFuture<Boolean> checking;

	/**
	 * Create a node.
	 * @param id its address
	 * @param clock the clock that reads and checks are timed by
	 * @param validity how long after a check was sent its answer lets the node's entries
	 * be served: the check interval plus the command timeout, the staleness bound
	 */
	TrackedNode(String id, Clock clock, Duration validity) {
		this.id = id;
		this.clock = clock;
		this.validityMillis = validity.toMillis();
	}

	String id() {
		return this.id;
	}

	int epoch() {
		return this.epoch;
	}

	boolean isTrusted() {
		return this.trusted;
	}

	/**
	 * Return why the node cannot track, or {@code null} if it can (or was not tried yet).
	 * @return the reason
	 */
	@Nullable
	String untrackable() {
		return this.untrackable;
	}

	boolean isReady() {
		StatefulRedisConnection<byte[], byte[]> tracked = this.connection;
		return this.trusted && tracked != null && tracked.isOpen();
	}

	/**
	 * Whether entries filled in the given epoch may be served at a time: only until the
	 * validity after the last check that the node answered, so that the staleness bound
	 * holds by construction, however late the next check runs or answers. An answer on
	 * the tracked connection comes after every invalidation Redis sent on it before, so
	 * once it has come, writes acknowledged before the check was sent have been seen.
	 * @param filledIn the epoch of the fill
	 * @param now the time of the read, by the clock
	 * @return whether they may
	 */
	boolean serves(int filledIn, long now) {
		return this.trusted && this.epoch == filledIn && now < this.trustedUntil;
	}

	/**
	 * Whether a fill read in the given epoch may be installed.
	 * @param filledIn the epoch of the fill
	 * @return whether it may
	 */
	boolean accepts(int filledIn) {
		return this.trusted && this.epoch == filledIn;
	}

	/**
	 * Read a key through the tracked connection.
	 * @param key the key
	 * @return the value, {@code null}, or {@link TrackedReads#NOT_TRACKED} if the node no
	 * longer serves the key's slot or cannot track
	 */
	@Nullable
	byte[] get(byte[] key) {
		StatefulRedisConnection<byte[], byte[]> tracked = this.connection;
		if (this.untrackable != null) {
			return TrackedReads.NOT_TRACKED;
		}
		if (tracked == null) {
			throw new RedisConnectionException("Tracking of " + this.id + " is not on");
		}
		try {
			return tracked.sync().get(key);
		}
		catch (RedisCommandExecutionException ex) {
			if (redirected(ex)) {
				return TrackedReads.NOT_TRACKED;
			}
			throw ex;
		}
	}

	/**
	 * Read a key through the tracked connection without blocking.
	 * @param key the key
	 * @return the value, {@code null}, or {@link TrackedReads#NOT_TRACKED} if the node no
	 * longer serves the key's slot or cannot track
	 */
	CompletableFuture<byte[]> retrieve(byte[] key) {
		StatefulRedisConnection<byte[], byte[]> tracked = this.connection;
		if (this.untrackable != null) {
			return CompletableFuture.completedFuture(TrackedReads.NOT_TRACKED);
		}
		if (tracked == null) {
			return CompletableFuture
				.failedFuture(new RedisConnectionException("Tracking of " + this.id + " is not on"));
		}
		return tracked.async().get(key).toCompletableFuture().handle((bytes, failure) -> {
			if (failure == null) {
				return bytes;
			}
			if (redirected(failure)) {
				return TrackedReads.NOT_TRACKED;
			}
			throw (failure instanceof CompletionException completion) ? completion : new CompletionException(failure);
		});
	}

	/**
	 * Whether a read failed because the node no longer serves the key's slot: a node's
	 * own connection does not follow redirects.
	 */
	private static boolean redirected(Throwable failure) {
		String message = refusal(failure);
		return message.startsWith("MOVED") || message.startsWith("ASK");
	}

	/**
	 * Return the error Redis answered with, or an empty string if the failure is not an
	 * answer of Redis (a timeout, a closed connection).
	 */
	private static String refusal(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		return (cause instanceof RedisCommandExecutionException) ? String.valueOf(cause.getMessage()) : "";
	}

	/**
	 * Switch tracking on for a connection unless it is on already for it, or the node
	 * cannot track.
	 */
	void track(StatefulRedisConnection<byte[], byte[]> candidate) {
		// Every fill passes here: only switching tracking on takes the lock.
		if ((this.trusted && this.connection == candidate) || this.untrackable != null) {
			return;
		}
		switchOn(candidate);
	}

	private synchronized void switchOn(StatefulRedisConnection<byte[], byte[]> candidate) {
		if ((this.trusted && this.connection == candidate) || this.untrackable != null) {
			return;
		}
		this.trusted = false;
		this.epoch++;
		long sent = this.clock.millis();
		String unusable = switchOnOrExplain(candidate);
		if (unusable != null) {
			this.untrackable = unusable;
			logger.warn("Near caches do not hold keys of Redis node " + this.id + ": " + unusable
					+ "; those keys are read from Redis as without a near cache");
			return;
		}
		this.connection = candidate;
		this.trustedUntil = sent + this.validityMillis;
		this.trusted = true;
	}

	/**
	 * Switch tracking on, or return why it cannot work on this connection. An error Redis
	 * may answer for a while (loading, a cluster without a primary for a slot) is thrown
	 * as the failure it is.
	 */
	@Nullable
	private String switchOnOrExplain(StatefulRedisConnection<byte[], byte[]> candidate) {
		try {
			String client = candidate.sync().clientInfo();
			if ("2".equals(ClientInfo.field(client, "resp"))) {
				return "the connection speaks RESP2, on which Redis sends no invalidations without a redirect "
						+ "(do not set the protocol to RESP2, and use a proxy that accepts HELLO 3)";
			}
			candidate.sync().clientTracking(TrackingArgs.Builder.enabled());
			// Should Lettuce reconnect in between, the check sees another id and no
			// tracking.
			this.clientId = ClientInfo.id(client);
			return null;
		}
		catch (RedisCommandExecutionException ex) {
			String refusal = refusal(ex);
			if (refusal.startsWith("LOADING") || refusal.startsWith("BUSY") || refusal.startsWith("MASTERDOWN")
					|| refusal.startsWith("CLUSTERDOWN") || refusal.startsWith("TRYAGAIN")) {
				throw ex;
			}
			return "it refused what the near cache needs (" + refusal + "): Redis 6.2 or later, and "
					+ "+client|tracking and +client|info in the user's ACL";
		}
	}

	/**
	 * Start a check that the node answers on the tracked connection and that tracking is
	 * still on for it: a connection Lettuce re-established (after a server restart, which
	 * may hand out the same client id again, or a killed connection) tracks nothing. A
	 * check under way is not started again, so that a hung node costs one check, not one
	 * per interval.
	 * @param timeout how long the node may take to answer
	 * @param verdicts where the answer is acted on
	 * @return completes once the answer (or the timeout) was acted on, with whether this
	 * check distrusted the node (its entries must then be dropped)
	 */
	synchronized CompletableFuture<Boolean> check(Duration timeout, Executor verdicts) {
		StatefulRedisConnection<byte[], byte[]> tracked = this.connection;
		long expected = this.clientId;
		if (!this.trusted || tracked == null || (this.checking != null && !this.checking.isDone())) {
			return CompletableFuture.completedFuture(false);
		}
		long sent = this.clock.millis();
		this.checking = tracked.async()
			.clientInfo()
			.toCompletableFuture()
			.thenApply((info) -> ClientInfo.id(info) == expected && ClientInfo.tracking(info))
			.completeOnTimeout(false, timeout.toNanos(), TimeUnit.NANOSECONDS)
			.exceptionally((failure) -> false)
			// Not on the event loop that completed the answer: the verdict may wait for
			// the lock that switching tracking on holds during its own round trips.
			.thenApplyAsync((stillTracking) -> {
				if (stillTracking) {
					trustUntil(sent + this.validityMillis, tracked, expected);
					countTrackedKeys(tracked);
					return false;
				}
				synchronized (this) {
					if (this.connection == tracked && this.clientId == expected && this.trusted) {
						distrust();
						return true;
					}
				}
				return false;
			}, verdicts);
		return this.checking;
	}

	private synchronized void trustUntil(long until, StatefulRedisConnection<byte[], byte[]> checked, long id) {
		if (this.connection == checked && this.clientId == id && until > this.trustedUntil) {
			this.trustedUntil = until;
		}
	}

	/**
	 * Read the node's {@code tracking_total_keys} for the gauge; a refused {@code INFO}
	 * leaves the last value and says nothing about tracking.
	 */
	private void countTrackedKeys(StatefulRedisConnection<byte[], byte[]> tracked) {
		tracked.async().info("stats").thenAccept((info) -> this.serverTrackedKeys = trackedKeys(info));
	}

	/**
	 * Return how many keys the node tracked for all its clients at the last check.
	 * @return the node's {@code tracking_total_keys}
	 */
	long serverTrackedKeys() {
		return this.serverTrackedKeys;
	}

	private static long trackedKeys(String info) {
		return info.lines()
			.filter((line) -> line.startsWith("tracking_total_keys:"))
			.mapToLong((line) -> Long.parseLong(line.substring("tracking_total_keys:".length()).trim()))
			.findFirst()
			.orElse(0);
	}

	/**
	 * Stop serving the node's entries until tracking is switched on again.
	 */
	synchronized void distrust() {
		this.trusted = false;
		this.epoch++;
	}

	/**
	 * Forget every fill that started before now: the node forgot what it tracked (a
	 * flush), so a value read before cannot be invalidated any more.
	 */
	synchronized void forgetFills() {
		this.epoch++;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
