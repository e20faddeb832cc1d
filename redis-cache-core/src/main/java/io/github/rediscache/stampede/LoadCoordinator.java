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

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.stampede.RedisLeases.Lease;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * Makes a miss cost one load per key across threads and instances.
 * <ol>
 * <li>In this JVM, concurrent misses of one key share one load ({@link SingleFlight}),
 * waiting for it no longer than the cache's lease wait; misses of other keys are not
 * blocked.</li>
 * <li>Across instances, the loading thread first takes the key's lease in Redis
 * ({@link RedisLeases}). Others poll for the value with jittered backoff and take it when
 * it appears; when the lease is freed without a value they try to take it; when the wait
 * limit is reached they load themselves rather than fail.</li>
 * </ol>
 * A loader exception is never stored: every caller sharing the load gets it, and the next
 * miss loads again. If Redis cannot be asked for the lease, callers load without it.
 *
 * @author redis-cache authors
 */
public class LoadCoordinator {

	private static final Log logger = LogFactory.getLog(LoadCoordinator.class);

	static final long FIRST_BACKOFF_MILLIS = 5;

	static final long MAX_BACKOFF_MILLIS = 50;

	private final SingleFlight<String> singleFlight = new SingleFlight<>();

	private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

	private final RedisLeases leases;

	private final Clock clock;

	private final DoubleSupplier random;

	private final Sleeper sleeper;

	private final LeaseReleases releases;

	private final EarlyRefresh earlyRefresh;

	/**
	 * Create a coordinator.
	 * @param connectionFactory where leases are taken
	 * @param guard how lease calls to Redis are guarded
	 * @param clock the clock that wait limits and expiries are measured against
	 * @param random uniform numbers in [0, 1), for backoff jitter and early-refresh draws
	 */
	public LoadCoordinator(RedisConnectionFactory connectionFactory, RedisGuard guard, Clock clock,
			DoubleSupplier random) {
		this(connectionFactory, guard, clock, random, LeaseReleases.NONE);
	}

	/**
	 * Create a coordinator whose waiters are woken when another instance releases the
	 * lease they wait for.
	 * @param connectionFactory where leases are taken
	 * @param guard how lease calls to Redis are guarded
	 * @param clock the clock that wait limits and expiries are measured against
	 * @param random uniform numbers in [0, 1), for backoff jitter and early-refresh draws
	 * @param releases the notifications of released leases
	 */
	public LoadCoordinator(RedisConnectionFactory connectionFactory, RedisGuard guard, Clock clock,
			DoubleSupplier random, LeaseReleases releases) {
		this(new RedisLeases(connectionFactory, guard), clock, random, Sleeper.THREAD, releases);
	}

	LoadCoordinator(RedisLeases leases, Clock clock, DoubleSupplier random, Sleeper sleeper, LeaseReleases releases) {
		this.leases = leases;
		this.clock = clock;
		this.random = random;
		this.sleeper = sleeper;
		this.releases = releases;
		this.earlyRefresh = new EarlyRefresh(clock, random);
	}

	/**
	 * Decide whether a read should refresh an entry before it expires (XFetch, see
	 * {@link EarlyRefresh}).
	 * @param loadMillis how long the entry took to load, 0 if unknown
	 * @param expiresAtMillis when the entry expires in epoch milliseconds, 0 if unknown
	 * @param settings the cache's settings
	 * @return whether this read should refresh the entry
	 */
	public boolean shouldRefreshEarly(long loadMillis, long expiresAtMillis, StampedeSettings settings) {
		return settings.earlyRefresh()
				&& this.earlyRefresh.shouldRefresh(loadMillis, expiresAtMillis, settings.earlyRefreshBeta());
	}

	/**
	 * Decide whether a read should refresh an entry before it expires, at a time the
	 * caller read from this coordinator's clock (so that a hit reads the clock once).
	 * @param loadMillis how long the entry took to load, 0 if unknown
	 * @param expiresAtMillis when the entry expires in epoch milliseconds, 0 if unknown
	 * @param settings the cache's settings
	 * @param nowMillis the time of the read in epoch milliseconds
	 * @return whether this read should refresh the entry
	 */
	public boolean shouldRefreshEarly(long loadMillis, long expiresAtMillis, StampedeSettings settings,
			long nowMillis) {
		return settings.earlyRefresh()
				&& this.earlyRefresh.shouldRefresh(loadMillis, expiresAtMillis, settings.earlyRefreshBeta(), nowMillis);
	}

	/**
	 * Load the value of a key that missed, once per key across threads and instances.
	 * @param <T> the value type
	 * @param entryKey the Redis key of the entry
	 * @param settings the cache's settings
	 * @param lookup reads the entry; {@code null} when absent
	 * @param load loads the value and stores it
	 * @param events told how the lease was used (not called when leases are off) and when
	 * a caller waits for another's load
	 * @return the loaded or stored value, possibly null
	 * @throws Exception what the load threw
	 */
	public <T> T load(String entryKey, StampedeSettings settings, Supplier<ValueWrapper> lookup, Callable<T> load,
			MissEvents events) throws Exception {
		// One wait budget per caller, however it is spent: for a load in this JVM, for
		// the lease in Redis, or both.
		long deadline = this.clock.millis() + settings.leaseWait().toMillis();
		return this.singleFlight.run(
				entryKey, () -> settings.leaseEnabled()
						? loadUnderLease(entryKey, settings, deadline, lookup, load, events) : load.call(),
				settings.leaseWait(), () -> events.waiting(CacheObservations.THIS_INSTANCE));
	}

	/**
	 * Refresh an entry before it expires, unless this JVM or another instance already
	 * refreshes it. Never waits for another refresher.
	 * @param <T> the value type
	 * @param entryKey the Redis key of the entry
	 * @param settings the cache's settings
	 * @param load loads the value and stores it
	 * @return the refreshed value, or {@code null} if another caller refreshes it
	 * @throws Exception what the load threw
	 */
	@Nullable
	public <T> ValueWrapper refreshEarly(String entryKey, StampedeSettings settings, Callable<T> load)
			throws Exception {
		if (this.singleFlight.isRunning(entryKey) || !this.refreshing.add(entryKey)) {
			return null;
		}
		try {
			Lease lease = settings.leaseEnabled() ? tryAcquire(RedisLeases.leaseKeyFor(entryKey), settings) : null;
			if (settings.leaseEnabled() && lease == null) {
				return null;
			}
			try {
				return new SimpleValueWrapper(load.call());
			}
			finally {
				release(lease);
			}
		}
		finally {
			this.refreshing.remove(entryKey);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T loadUnderLease(String entryKey, StampedeSettings settings, long deadline,
			Supplier<ValueWrapper> lookup, Callable<T> load, MissEvents events) throws Exception {
		String leaseKey = RedisLeases.leaseKeyFor(entryKey);
		long backoff = FIRST_BACKOFF_MILLIS;
		Observation wait = null;
		while (true) {
			// Listen before asking, so that a release in between is heard.
			CompletableFuture<Void> released = this.releases.released(leaseKey);
			try {
				Lease lease;
				try {
					lease = this.leases.tryAcquire(leaseKey, settings.leaseTime());
				}
				catch (DataAccessException ex) {
					told(events, wait, LeaseOutcome.UNAVAILABLE);
					return load.call();
				}
				if (lease != null) {
					told(events, wait, LeaseOutcome.ACQUIRED);
					try {
						ValueWrapper appeared = lookup.get();
						return (appeared != null) ? (T) appeared.get() : load.call();
					}
					finally {
						release(lease);
					}
				}
				long remaining = deadline - this.clock.millis();
				if (remaining <= 0) {
					told(events, wait, LeaseOutcome.WAIT_TIMED_OUT);
					return load.call();
				}
				if (wait == null) {
					wait = events.waiting(CacheObservations.OTHER_INSTANCE);
				}
				long jittered = backoff / 2 + (long) (this.random.getAsDouble() * backoff / 2);
				try {
					this.sleeper.pauseUntil(released, Duration.ofMillis(Math.max(1, Math.min(jittered, remaining))));
				}
				catch (InterruptedException ex) {
					CacheObservations.endWait(wait, CacheObservations.FAILED);
					throw ex;
				}
			}
			finally {
				this.releases.forget(leaseKey, released);
			}
			backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
			ValueWrapper appeared = lookup.get();
			if (appeared != null) {
				told(events, wait, LeaseOutcome.WAITED);
				return (T) appeared.get();
			}
		}
	}

	/**
	 * Tell the cache how a caller used the lease, ending its wait if it waited.
	 * @param events the cache's events
	 * @param wait the observation of the caller's wait, {@code null} if it did not wait
	 * @param outcome how the lease was used
	 */
	static void told(MissEvents events, @Nullable Observation wait, LeaseOutcome outcome) {
		events.lease(outcome);
		if (wait != null) {
			CacheObservations.endWait(wait, outcome.waitOutcome());
		}
	}

	private Lease tryAcquire(String leaseKey, StampedeSettings settings) {
		try {
			return this.leases.tryAcquire(leaseKey, settings.leaseTime());
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

	private static void release(@Nullable Lease lease) {
		if (lease != null) {
			try {
				lease.release();
			}
			catch (DataAccessException ex) {
				// The lease expires on its own; a failed release only delays the next
				// holder.
				logger.debug("Could not release a cache lease; it will expire", ex);
			}
		}
	}

	/**
	 * How a waiting caller pauses until the lease it waits for is released or its next
	 * poll is due; a test may pass one that advances a fake clock.
	 */
	@FunctionalInterface
	interface Sleeper {

		/** Parks the calling thread. */
		Sleeper THREAD = LoadCoordinator::pauseUntil;

		/**
		 * Pause until the lease is released or the time has passed.
		 * @param released completes when the lease is released
		 * @param duration how long at most
		 * @throws InterruptedException if the thread is interrupted
		 */
		void pauseUntil(CompletableFuture<Void> released, Duration duration) throws InterruptedException;

	}

	private static void pauseUntil(CompletableFuture<Void> released, Duration duration) throws InterruptedException {
		if (released.isDone()) {
			return;
		}
		// A latch rather than a timed get: a poll that is due is not an exception.
		CountDownLatch woken = new CountDownLatch(1);
		released.thenRun(woken::countDown);
		woken.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		if (Thread.interrupted()) {
			// Interrupted as the pause ended: still an interrupt of the wait, not one for
			// the next Redis command to stumble on.
			throw new InterruptedException("Interrupted while waiting for another instance's load");
		}
	}

}
