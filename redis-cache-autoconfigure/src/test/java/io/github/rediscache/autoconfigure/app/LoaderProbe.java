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
package io.github.rediscache.autoconfigure.app;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loader shared by several application contexts (standing for several instances), that
 * counts its calls and can be made slow, gated or failing.
 */
public class LoaderProbe {

	private final AtomicInteger loads = new AtomicInteger();

	private final Set<String> started = ConcurrentHashMap.newKeySet();

	private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private volatile Duration workTime = Duration.ZERO;

	private volatile Consumer<Duration> advanceClock = (duration) -> {
	};

	public String load(String key) throws InterruptedException {
		int number = this.loads.incrementAndGet();
		this.started.add(key);
		CountDownLatch gate = this.gates.get(key);
		if (gate != null) {
			gate.await();
		}
		if (!this.workTime.isZero()) {
			// The database call the loader stands for takes this long.
			Thread.sleep(this.workTime.toMillis());
		}
		this.advanceClock.accept(Duration.ofMillis(200));
		if (this.failuresLeft.getAndDecrement() > 0) {
			throw new IllegalStateException("database down");
		}
		return "value-of-" + key + "#" + number;
	}

	public int loads() {
		return this.loads.get();
	}

	public boolean started(String key) {
		return this.started.contains(key);
	}

	public CountDownLatch gate(String key) {
		return this.gates.computeIfAbsent(key, (k) -> new CountDownLatch(1));
	}

	public LoaderProbe workingFor(Duration workTime) {
		this.workTime = workTime;
		return this;
	}

	public LoaderProbe failing(int times) {
		this.failuresLeft.set(times);
		return this;
	}

	public LoaderProbe advancing(Consumer<Duration> advanceClock) {
		this.advanceClock = advanceClock;
		return this;
	}

}
