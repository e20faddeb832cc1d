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
package io.github.rediscache.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Callers hammering a cached method from several threads until stopped, recording every
 * exception they see and every result that does not belong to the key they asked for.
 */
final class Traffic implements AutoCloseable {

	private final ExecutorService executor;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong calls = new AtomicLong();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	private final List<String> wrongResults = new CopyOnWriteArrayList<>();

	private Traffic(int threads) {
		this.executor = Executors.newFixedThreadPool(threads);
	}

	/**
	 * Start the callers.
	 * @param threads how many threads call
	 * @param keys how many distinct keys they cycle through
	 * @param call calls the method for a key and returns the key its result belongs to
	 * @return the running traffic
	 */
	static Traffic start(int threads, int keys, LongFunction<Long> call) {
		Traffic traffic = new Traffic(threads);
		for (int t = 0; t < threads; t++) {
			int offset = t;
			traffic.executor.execute(() -> {
				long i = offset;
				while (traffic.running.get()) {
					long key = i++ % keys;
					try {
						Long owner = call.apply(key);
						if (owner == null || owner != key) {
							traffic.wrongResults.add("key " + key + " got the value of " + owner);
						}
					}
					catch (Throwable ex) {
						traffic.failures.add(ex);
					}
					traffic.calls.incrementAndGet();
				}
			});
		}
		return traffic;
	}

	long calls() {
		return this.calls.get();
	}

	List<Throwable> failures() {
		return this.failures;
	}

	List<String> wrongResults() {
		return this.wrongResults;
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.executor.shutdown();
		if (!this.executor.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("callers did not stop");
		}
	}

}
