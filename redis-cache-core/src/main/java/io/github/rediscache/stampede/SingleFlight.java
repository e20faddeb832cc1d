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

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.rediscache.observation.CacheObservations;
import io.micrometer.observation.Observation;

/**
 * Runs at most one load per key at a time in this JVM: concurrent callers for the same
 * key share the first caller's result or exception; callers for other keys are never
 * blocked. Nothing is remembered once a load ends, so the next caller after a failure
 * loads again.
 * <ul>
 * <li>A caller waits for another's load at most a given time, then loads itself: a hung
 * loader does not hold every caller of its key.</li>
 * <li>A load that needs the same key again on its own thread (a re-entrant load) runs
 * that inner load itself instead of waiting for itself.</li>
 * <li>An interrupt of the loading thread is that thread's alone: its waiters are not
 * interrupted; one of them loads instead.</li>
 * </ul>
 *
 * @param <K> the key type
 * @author redis-cache authors
 */
final class SingleFlight<K> {

	/** Completes a flight whose loader was interrupted: its waiters try again. */
	private static final Object RETRY = new Object();

	/** What a waiter gets when the load it waits for takes longer than it may wait. */
	private static final Object TIMED_OUT = new Object();

	private final ConcurrentMap<K, Flight> flights = new ConcurrentHashMap<>();

	/**
	 * Run the load for the key, or wait for the one already running.
	 * @param <V> the value type
	 * @param key the key
	 * @param load the load, run by the first caller in its own thread
	 * @param maxWait how long a caller waits for another's load before loading itself
	 * @return the value the load returned (possibly null)
	 * @throws Exception what the load threw, to every caller that shared it
	 */
	<V> V run(K key, Callable<V> load, Duration maxWait) throws Exception {
		return run(key, load, maxWait, () -> Observation.NOOP);
	}

	/**
	 * Run the load for the key, or wait for the one already running, observing the wait.
	 * @param <V> the value type
	 * @param key the key
	 * @param load the load, run by the first caller in its own thread
	 * @param maxWait how long a caller waits for another's load before loading itself
	 * @param waiting starts the observation of a wait for another caller's load
	 * @return the value the load returned (possibly null)
	 * @throws Exception what the load threw, to every caller that shared it
	 */
	@SuppressWarnings("unchecked")
	<V> V run(K key, Callable<V> load, Duration maxWait, Supplier<Observation> waiting) throws Exception {
		while (true) {
			Flight mine = new Flight(Thread.currentThread());
			Flight running = this.flights.putIfAbsent(key, mine);
			if (running == null) {
				return lead(key, mine, load);
			}
			if (running.owner() == Thread.currentThread()) {
				return load.call();
			}
			Object result = observedAwait(running, maxWait, waiting.get());
			if (result == TIMED_OUT) {
				return load.call();
			}
			if (result != RETRY) {
				return (V) result;
			}
		}
	}

	private <V> V lead(K key, Flight mine, Callable<V> load) throws Exception {
		try {
			V value = load.call();
			mine.result().complete(value);
			return value;
		}
		catch (Exception | Error ex) {
			if (ex instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
				// Gone before the waiters retry, so that one of them can lead the next
				// load.
				this.flights.remove(key, mine);
				mine.result().complete(RETRY);
			}
			else {
				mine.result().completeExceptionally(ex);
			}
			throw ex;
		}
		finally {
			this.flights.remove(key, mine);
		}
	}

	/**
	 * Return whether a load for the key is running.
	 * @param key the key
	 * @return whether a load is running
	 */
	boolean isRunning(K key) {
		return this.flights.containsKey(key);
	}

	private static Object observedAwait(Flight running, Duration maxWait, Observation wait) throws Exception {
		Object result;
		try {
			result = await(running, maxWait);
		}
		catch (Exception | Error ex) {
			wait.error(ex);
			CacheObservations.endWait(wait, CacheObservations.FAILED);
			throw ex;
		}
		CacheObservations.endWait(wait, (result == TIMED_OUT) ? CacheObservations.TIMED_OUT
				: (result == RETRY) ? CacheObservations.FAILED : CacheObservations.SERVED);
		return result;
	}

	private static Object await(Flight running, Duration maxWait) throws Exception {
		try {
			return running.result().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return TIMED_OUT;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	private record Flight(Thread owner, CompletableFuture<Object> result) {

		Flight(Thread owner) {
			this(owner, new CompletableFuture<>());
		}

	}

}
