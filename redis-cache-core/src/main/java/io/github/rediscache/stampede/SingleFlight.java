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

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs at most one load per key at a time in this JVM: concurrent callers for the same
 * key share the first caller's result or exception; callers for other keys are never
 * blocked. Nothing is remembered once a load ends, so the next caller after a failure
 * loads again.
 *
 * @param <K> the key type
 * @author redis-cache authors
 */
final class SingleFlight<K> {

	private final ConcurrentMap<K, CompletableFuture<Object>> flights = new ConcurrentHashMap<>();

	/**
	 * Run the load for the key, or wait for the one already running.
	 * @param <V> the value type
	 * @param key the key
	 * @param load the load, run by the first caller in its own thread
	 * @return the value the load returned (possibly null)
	 * @throws Exception what the load threw, to every caller that shared it
	 */
	@SuppressWarnings("unchecked")
	<V> V run(K key, Callable<V> load) throws Exception {
		CompletableFuture<Object> mine = new CompletableFuture<>();
		CompletableFuture<Object> running = this.flights.putIfAbsent(key, mine);
		if (running != null) {
			return (V) join(running);
		}
		try {
			V value = load.call();
			mine.complete(value);
			return value;
		}
		catch (Exception | Error ex) {
			mine.completeExceptionally(ex);
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

	private static Object join(CompletableFuture<Object> running) throws Exception {
		try {
			return running.get();
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

}
