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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

class SingleFlightTests {

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final SingleFlight<String> singleFlight = new SingleFlight<>();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
		AtomicInteger loads = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		List<CompletableFuture<String>> callers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			callers.add(CompletableFuture.supplyAsync(() -> run("k", () -> {
				loads.incrementAndGet();
				release.await();
				return "value";
			}), this.executor));
		}
		await().until(() -> parkedCallers() == 15);
		release.countDown();
		for (CompletableFuture<String> caller : callers) {
			assertThat(caller.get(5, TimeUnit.SECONDS)).isEqualTo("value");
		}
		assertThat(loads).hasValue(1);
		assertThat(this.singleFlight.isRunning("k")).isFalse();
	}

	@Test
	void aSlowKeyDoesNotDelayAnotherKey() throws Exception {
		CountDownLatch releaseSlow = new CountDownLatch(1);
		CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> run("slow", () -> {
			releaseSlow.await();
			return "slow";
		}), this.executor);
		await().until(() -> this.singleFlight.isRunning("slow"));
		assertThat(this.singleFlight.<String>run("fast", () -> "fast", Duration.ofSeconds(10))).isEqualTo("fast");
		assertThat(slow).isNotDone();
		releaseSlow.countDown();
		assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
	}

	@Test
	void everySharingCallerGetsTheExceptionAndTheNextCallLoadsAgain() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<CompletableFuture<String>> callers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			callers.add(CompletableFuture.supplyAsync(() -> run("k", () -> {
				release.await();
				throw new IllegalStateException("database down");
			}), this.executor));
		}
		await().until(() -> parkedCallers() == 3);
		release.countDown();
		for (CompletableFuture<String> caller : callers) {
			assertThat(caller).failsWithin(5, TimeUnit.SECONDS)
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withRootCauseInstanceOf(IllegalStateException.class)
				.withMessageContaining("database down");
		}
		assertThat(this.singleFlight.<String>run("k", () -> "recovered", Duration.ofSeconds(10)))
			.isEqualTo("recovered");
		assertThatIllegalStateException().isThrownBy(() -> this.singleFlight.run("k", () -> {
			throw new IllegalStateException("again");
		}, Duration.ofSeconds(10)));
	}

	@Test
	void aHungLoaderHoldsItsWaitersNoLongerThanTheBound() throws Exception {
		CountDownLatch hung = new CountDownLatch(1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> run("k", () -> {
			hung.await();
			return "first";
		}), this.executor);
		await().until(() -> this.singleFlight.isRunning("k"));
		assertThat(this.singleFlight.<String>run("k", () -> "own load", Duration.ofMillis(50))).isEqualTo("own load");
		assertThat(first).isNotDone();
		hung.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
	}

	@Test
	void aReentrantLoadOfTheSameKeyRunsInsteadOfWaitingForItself() {
		String value = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> this.singleFlight.<String>run("k",
						() -> this.singleFlight.<String>run("k", () -> "inner", Duration.ofSeconds(10)) + "+outer",
						Duration.ofSeconds(10)));
		assertThat(value).isEqualTo("inner+outer");
	}

	@Test
	void anInterruptOfTheLoaderDoesNotReachItsWaiters() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		CompletableFuture<String> interrupted = CompletableFuture.supplyAsync(() -> run("k", () -> {
			never.await();
			return "first";
		}), this.executor);
		await().until(() -> this.loader != null && this.singleFlight.isRunning("k"));
		Thread loaderThread = this.loader;
		CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> run("k", () -> "second"), this.executor);
		await().until(() -> parkedCallers() == 1);
		loaderThread.interrupt();
		assertThat(waiter.get(5, TimeUnit.SECONDS)).as("the waiter loads instead").isEqualTo("second");
		assertThat(interrupted).failsWithin(5, TimeUnit.SECONDS)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withRootCauseInstanceOf(InterruptedException.class);
	}

	private final List<Thread> callers = new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile Thread loader;

	/**
	 * Count the callers parked waiting for another caller's load (every caller but the
	 * loader, once they are inside the single flight).
	 */
	private long parkedCallers() {
		return this.callers.stream()
			.filter((thread) -> thread != this.loader)
			.filter((thread) -> thread.getState() == Thread.State.WAITING
					|| thread.getState() == Thread.State.TIMED_WAITING)
			.count();
	}

	private String run(String key, java.util.concurrent.Callable<String> load) {
		this.callers.add(Thread.currentThread());
		try {
			return this.singleFlight.run(key, () -> {
				this.loader = Thread.currentThread();
				return load.call();
			}, Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
