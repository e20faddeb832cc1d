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
package io.github.rediscache.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * Callers driving a cached method from several threads, with a bounded number of calls
 * and time, counting calls and errors and sampling latencies.
 */
final class Traffic {

	private static final int SAMPLES_PER_THREAD = 200_000;

	private final List<Thread> threads = new ArrayList<>();

	private final List<long[]> samples = new ArrayList<>();

	private final int[] sampleCounts;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final LongAdder calls = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private volatile boolean recording = true;

	private Traffic(int threadCount) {
		this.sampleCounts = new int[threadCount];
	}

	static Traffic start(int threadCount, int keys, LongFunction<ProductDto> call) {
		Traffic traffic = new Traffic(threadCount);
		for (int t = 0; t < threadCount; t++) {
			int index = t;
			long[] sample = new long[SAMPLES_PER_THREAD];
			traffic.samples.add(sample);
			Thread thread = new Thread(() -> {
				long i = index;
				while (traffic.running.get()) {
					long start = System.nanoTime();
					try {
						call.apply(i++ % keys);
					}
					catch (RuntimeException ex) {
						traffic.errors.increment();
					}
					long took = System.nanoTime() - start;
					traffic.calls.increment();
					if (traffic.recording && traffic.sampleCounts[index] < SAMPLES_PER_THREAD) {
						sample[traffic.sampleCounts[index]++] = took;
					}
				}
			}, "bench-caller-" + t);
			thread.setDaemon(true);
			traffic.threads.add(thread);
			thread.start();
		}
		return traffic;
	}

	/** Forget the samples so far, so that the next ones describe a new phase. */
	void resetSamples() {
		this.recording = false;
		Arrays.fill(this.sampleCounts, 0);
		this.recording = true;
	}

	long calls() {
		return this.calls.sum();
	}

	long errors() {
		return this.errors.sum();
	}

	/**
	 * Return a latency percentile of the samples since the last reset.
	 * @param percentile from 0 to 100
	 * @return the latency
	 */
	Duration percentile(double percentile) {
		int[] counts = this.sampleCounts.clone();
		int total = Arrays.stream(counts).sum();
		if (total == 0) {
			return Duration.ZERO;
		}
		long[] all = new long[total];
		int at = 0;
		for (int t = 0; t < this.samples.size(); t++) {
			System.arraycopy(this.samples.get(t), 0, all, at, counts[t]);
			at += counts[t];
		}
		Arrays.sort(all);
		return Duration.ofNanos(all[(int) Math.min(all.length - 1, Math.ceil(percentile / 100 * all.length) - 1)]);
	}

	void stop() {
		this.running.set(false);
		for (Thread thread : this.threads) {
			try {
				thread.join(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
