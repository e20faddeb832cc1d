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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.rediscache.observation.CacheObservations;
import io.micrometer.observation.Observation;

/**
 * Single flight for asynchronous loads: concurrent misses of one key in this JVM share
 * one load, without a thread waiting for it. Each caller gets its own future, so a caller
 * that cancels or completes it does not affect the others. A caller that joins waits for
 * the load at most a given time, as a blocking caller does; then the load is forgotten,
 * so that a load that never completes holds no later caller, and the caller loads itself.
 *
 * @author redis-cache authors
 */
final class InFlightLoads {

	private final ConcurrentMap<String, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

	/** What a caller that joined gets when the load takes longer than it may wait. */
	private static final Object TIMED_OUT = new Object();

	/**
	 * Join the load of a key in flight, or start it.
	 * @param <T> the value type
	 * @param key the entry key
	 * @param load starts the load (and stores its value) when none is in flight, or when
	 * the one in flight took longer than this caller may wait
	 * @param maxWait how long a caller that joins waits before it loads itself
	 * @param waiting starts the observation of a caller's wait for the load in flight
	 * @return the load's outcome
	 */
	@SuppressWarnings("unchecked")
	<T> CompletableFuture<T> join(String key, Supplier<CompletableFuture<T>> load, Duration maxWait,
			Supplier<Observation> waiting) {
		CompletableFuture<Object> started = new CompletableFuture<>();
		CompletableFuture<Object> inFlight = this.loads.putIfAbsent(key, started);
		if (inFlight == null) {
			start(load).whenComplete((value, failure) -> {
				// Leave first: a caller that comes after the outcome starts afresh.
				this.loads.remove(key, started);
				if (failure != null) {
					started.completeExceptionally(failure);
				}
				else {
					started.complete(value);
				}
			});
			return (CompletableFuture<T>) started.thenApply((value) -> value);
		}
		CompletableFuture<Object> joined = inFlight;
		Observation wait = waiting.get();
		return joined.thenApply((value) -> value)
			.completeOnTimeout(TIMED_OUT, maxWait.toNanos(), TimeUnit.NANOSECONDS)
			.handle((value, failure) -> {
				if (failure != null) {
					wait.error(failure);
					CacheObservations.endWait(wait, CacheObservations.FAILED);
					return CompletableFuture.<T>failedFuture(failure);
				}
				if (value == TIMED_OUT) {
					CacheObservations.endWait(wait, CacheObservations.TIMED_OUT);
					// Forgotten, so that callers after this one start a load of their own
					// rather than wait for one that may never complete.
					this.loads.remove(key, joined);
					return start(load);
				}
				CacheObservations.endWait(wait, CacheObservations.SERVED);
				return CompletableFuture.completedFuture((T) value);
			})
			.thenCompose(Function.identity());
	}

	private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> load) {
		try {
			return load.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	boolean isRunning(String key) {
		return this.loads.containsKey(key);
	}

}
