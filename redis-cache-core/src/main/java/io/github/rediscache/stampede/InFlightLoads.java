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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Single flight for asynchronous loads: concurrent misses of one key in this JVM share
 * one load, without a thread waiting for it. Each caller gets its own future, so a caller
 * that cancels or completes it does not affect the others.
 *
 * @author redis-cache authors
 */
final class InFlightLoads {

	private final ConcurrentMap<String, CompletableFuture<Object>> loads = new ConcurrentHashMap<>();

	/**
	 * Join the load of a key in flight, or start it.
	 * @param <T> the value type
	 * @param key the entry key
	 * @param load starts the load (and stores its value) when none is in flight
	 * @return the load's outcome
	 */
	@SuppressWarnings("unchecked")
	<T> CompletableFuture<T> join(String key, Supplier<CompletableFuture<T>> load) {
		CompletableFuture<Object> started = new CompletableFuture<>();
		CompletableFuture<Object> inFlight = this.loads.putIfAbsent(key, started);
		if (inFlight == null) {
			inFlight = started;
			CompletableFuture<T> loading;
			try {
				loading = load.get();
			}
			catch (RuntimeException ex) {
				loading = CompletableFuture.failedFuture(ex);
			}
			loading.whenComplete((value, failure) -> {
				// Leave first: a caller that comes after the outcome starts afresh.
				this.loads.remove(key, started);
				if (failure != null) {
					started.completeExceptionally(failure);
				}
				else {
					started.complete(value);
				}
			});
		}
		return (CompletableFuture<T>) inFlight.thenApply((value) -> value);
	}

	boolean isRunning(String key) {
		return this.loads.containsKey(key);
	}

}
