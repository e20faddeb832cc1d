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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.stampede.RedisLeases.Lease;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link LoadCoordinator}'s guarantees for loads that return a future, without a thread
 * that waits: concurrent misses of one key in this JVM share one load's future for at
 * most the lease wait ({@link InFlightLoads}), and across instances the caller that takes
 * the key's lease in Redis loads while the others poll for the value on a timer (jittered
 * backoff, 5 ms doubling to 50 ms), take the lease when it is freed, and load themselves
 * after the lease wait. If Redis cannot be asked for the lease, or the connection factory
 * is not reactive, loads run without it.
 *
 * @author redis-cache authors
 */
public class AsyncLoadCoordinator {

	private static final Log logger = LogFactory.getLog(AsyncLoadCoordinator.class);

	private final InFlightLoads inFlight = new InFlightLoads();

	private final RedisLeases leases;

	private final Clock clock;

	private final DoubleSupplier random;

	private final LeaseReleases releases;

	private static final Executor OFF_EVENT_LOOP = CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS,
			Runnable::run);

	/**
	 * Create a coordinator.
	 * @param connectionFactory where leases are taken; without a reactive one, loads are
	 * coordinated within this JVM only
	 * @param guard how lease calls to Redis are guarded
	 * @param clock the clock that wait limits are measured against
	 * @param random uniform numbers in [0, 1), for backoff jitter
	 */
	public AsyncLoadCoordinator(RedisConnectionFactory connectionFactory, RedisGuard guard, Clock clock,
			DoubleSupplier random) {
		this(connectionFactory, guard, clock, random, LeaseReleases.NONE);
	}

	/**
	 * Create a coordinator whose waiters are woken when another instance releases the
	 * lease they wait for.
	 * @param connectionFactory where leases are taken; without a reactive one, loads are
	 * coordinated within this JVM only
	 * @param guard how lease calls to Redis are guarded
	 * @param clock the clock that wait limits are measured against
	 * @param random uniform numbers in [0, 1), for backoff jitter
	 * @param releases the notifications of released leases
	 */
	public AsyncLoadCoordinator(RedisConnectionFactory connectionFactory, RedisGuard guard, Clock clock,
			DoubleSupplier random, LeaseReleases releases) {
		this.leases = new RedisLeases(connectionFactory, guard);
		this.clock = clock;
		this.random = random;
		this.releases = releases;
	}

	/**
	 * Load the value of a key that missed, once per key across this JVM's callers and
	 * across instances.
	 * @param <T> the value type
	 * @param entryKey the Redis key of the entry
	 * @param settings the cache's settings
	 * @param lookup reads the entry; completes with {@code null} when absent, never fails
	 * @param load starts the load, which also stores the value
	 * @param events told how the lease was used (not called when leases are off) and when
	 * a caller waits for another's load
	 * @return the loaded or stored value; fails with what the load failed with
	 */
	public <T> CompletableFuture<T> load(String entryKey, StampedeSettings settings,
			Supplier<CompletableFuture<ValueWrapper>> lookup, Supplier<CompletableFuture<T>> load, MissEvents events) {
		// One wait budget per caller, as in LoadCoordinator.
		long deadline = this.clock.millis() + settings.leaseWait().toMillis();
		return this.inFlight.join(entryKey,
				() -> (settings.leaseEnabled() && this.leases.supportsAsync())
						? new LeaseLoop<>(RedisLeases.leaseKeyFor(entryKey), settings, deadline, lookup, load, events)
							.attempt(LoadCoordinator.FIRST_BACKOFF_MILLIS)
						: load.get(),
				settings.leaseWait(), () -> events.waiting(CacheObservations.THIS_INSTANCE));
	}

	/**
	 * Refresh an entry before it expires in the background, unless this JVM or another
	 * instance already refreshes it.
	 * @param <T> the value type
	 * @param entryKey the Redis key of the entry
	 * @param settings the cache's settings
	 * @param load starts the load, which also stores the value
	 * @return whether this caller started the refresh; completes when it is done
	 */
	public <T> CompletableFuture<Boolean> refreshEarly(String entryKey, StampedeSettings settings,
			Supplier<CompletableFuture<T>> load) {
		if (this.inFlight.isRunning(entryKey)) {
			return CompletableFuture.completedFuture(false);
		}
		if (!settings.leaseEnabled() || !this.leases.supportsAsync()) {
			return this.inFlight.join(entryKey, load, settings.leaseWait(), () -> Observation.NOOP)
				.thenApply((value) -> true);
		}
		return this.leases.tryAcquireAsync(RedisLeases.leaseKeyFor(entryKey), settings.leaseTime())
			.exceptionally((failure) -> null)
			.thenCompose((lease) -> (lease == null) ? CompletableFuture.completedFuture(false)
					: released(lease, this.inFlight.join(entryKey, load, settings.leaseWait(), () -> Observation.NOOP))
						.thenApply((value) -> true));
	}

	private static <T> CompletableFuture<T> released(Lease lease, CompletableFuture<T> work) {
		return work.whenComplete((value, failure) -> lease.releaseAsync().exceptionally((releaseFailure) -> {
			// The lease expires on its own; a failed release only delays the next holder.
			logger.debug("Could not release a cache lease; it will expire", releaseFailure);
			return false;
		}));
	}

	/**
	 * One caller's way through the lease: take it and load, or poll until the value
	 * appears, the lease is free again or the wait is over.
	 */
	private final class LeaseLoop<T> {

		private final String leaseKey;

		private final StampedeSettings settings;

		private final Supplier<CompletableFuture<ValueWrapper>> lookup;

		private final Supplier<CompletableFuture<T>> load;

		private final MissEvents events;

		private final long deadline;

		/** The observation of this caller's wait for another instance, once it waits. */
		private Observation wait;

		LeaseLoop(String leaseKey, StampedeSettings settings, long deadline,
				Supplier<CompletableFuture<ValueWrapper>> lookup, Supplier<CompletableFuture<T>> load,
				MissEvents events) {
			this.leaseKey = leaseKey;
			this.settings = settings;
			this.lookup = lookup;
			this.load = load;
			this.events = events;
			this.deadline = deadline;
		}

		CompletableFuture<T> attempt(long backoff) {
			// Listen before asking, so that a release in between is heard.
			CompletableFuture<Void> released = AsyncLoadCoordinator.this.releases.released(this.leaseKey);
			return AsyncLoadCoordinator.this.leases.tryAcquireAsync(this.leaseKey, this.settings.leaseTime())
				.handle((lease, failure) -> (failure != null) ? loadWithout(LeaseOutcome.UNAVAILABLE)
						: (lease != null) ? loadUnder(lease) : waitFor(backoff, released))
				.thenCompose(Function.identity())
				.whenComplete((value, failure) -> AsyncLoadCoordinator.this.releases.forget(this.leaseKey, released));
		}

		private CompletableFuture<T> loadWithout(LeaseOutcome reason) {
			told(reason);
			return this.load.get();
		}

		@SuppressWarnings("unchecked")
		private CompletableFuture<T> loadUnder(Lease lease) {
			told(LeaseOutcome.ACQUIRED);
			return released(lease,
					this.lookup.get()
						.thenCompose((appeared) -> (appeared != null)
								? CompletableFuture.completedFuture((T) appeared.get()) : this.load.get()));
		}

		@SuppressWarnings("unchecked")
		private CompletableFuture<T> waitFor(long backoff, CompletableFuture<Void> released) {
			long remaining = this.deadline - AsyncLoadCoordinator.this.clock.millis();
			if (remaining <= 0) {
				return loadWithout(LeaseOutcome.WAIT_TIMED_OUT);
			}
			if (this.wait == null) {
				this.wait = this.events.waiting(CacheObservations.OTHER_INSTANCE);
			}
			long jittered = backoff / 2 + (long) (AsyncLoadCoordinator.this.random.getAsDouble() * backoff / 2);
			CompletableFuture<Object> pollDue = new CompletableFuture<>().completeOnTimeout(null,
					Math.max(1, Math.min(jittered, remaining)), TimeUnit.MILLISECONDS);
			// Off the thread that heard the release (Lettuce's event loop): the lookup
			// may
			// lead on to a load.
			return CompletableFuture.anyOf(released, pollDue)
				.thenComposeAsync((woken) -> this.lookup.get(), OFF_EVENT_LOOP)
				.thenCompose((appeared) -> {
					if (appeared != null) {
						told(LeaseOutcome.WAITED);
						return CompletableFuture.completedFuture((T) appeared.get());
					}
					return attempt(Math.min(backoff * 2, LoadCoordinator.MAX_BACKOFF_MILLIS));
				});
		}

		private void told(LeaseOutcome outcome) {
			LoadCoordinator.told(this.events, this.wait, outcome);
		}

	}

}
