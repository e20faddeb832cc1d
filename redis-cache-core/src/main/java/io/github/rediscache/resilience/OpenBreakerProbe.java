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
package io.github.rediscache.resilience;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;

import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Asks a node whose breaker is open whether it answers again, in the background and
 * without any caller: a {@code PING} every {@link #INTERVAL} while the breaker stays
 * open. The first answer moves the breaker to half-open, so that callers use a server
 * that thawed (a {@code SIGSTOP} lifted, a long command finished, a network partition
 * healed with the connection still up) within one interval, instead of after the
 * breaker's whole wait in the open state. A server whose connection dropped is found by
 * Lettuce's reconnect event instead; there the {@code PING} fails at once. One daemon
 * thread, started with the first open breaker; each {@code PING} is bounded by the
 * command timeout.
 *
 * @author redis-cache authors
 */
final class OpenBreakerProbe implements AutoCloseable {

	/** How often a node whose breaker is open is asked. */
	static final Duration INTERVAL = Duration.ofMillis(100);

	private final Predicate<String> answers;

	private final Set<String> probing = ConcurrentHashMap.newKeySet();

	@Nullable
	private volatile ScheduledExecutorService scheduler;

	private volatile boolean closed;

	/**
	 * Create a probe.
	 * @param answers whether the shard of the given name ({@code null} for the whole of
	 * Redis) answers a {@code PING}; never throws
	 */
	OpenBreakerProbe(Predicate<String> answers) {
		this.answers = answers;
	}

	/**
	 * Start probing a shard whose breaker opened, unless it is probed already.
	 * @param shard the shard, {@code null} for the whole of Redis
	 * @param breaker its breaker
	 */
	void opened(@Nullable String shard, CircuitBreaker breaker) {
		if (this.probing.add(breaker.getName())) {
			later(shard, breaker);
		}
	}

	private void later(@Nullable String shard, CircuitBreaker breaker) {
		try {
			scheduler().schedule(() -> probe(shard, breaker), INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the breaker waits out its open state as it would without a probe.
			this.probing.remove(breaker.getName());
		}
	}

	private void probe(@Nullable String shard, CircuitBreaker breaker) {
		if (breaker.getState() != CircuitBreaker.State.OPEN || this.closed) {
			this.probing.remove(breaker.getName());
			return;
		}
		if (this.answers.test(shard)) {
			this.probing.remove(breaker.getName());
			try {
				breaker.transitionToHalfOpenState();
			}
			catch (IllegalStateTransitionException ex) {
				// Another caller moved the breaker first.
			}
			return;
		}
		later(shard, breaker);
	}

	private ScheduledExecutorService scheduler() {
		ScheduledExecutorService scheduler = this.scheduler;
		if (scheduler == null) {
			synchronized (this) {
				scheduler = this.scheduler;
				if (scheduler == null) {
					if (this.closed) {
						throw new RejectedExecutionException("closed");
					}
					CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-breaker-probe-");
					threads.setDaemon(true);
					ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
					executor.setKeepAliveTime(10, TimeUnit.SECONDS);
					executor.allowCoreThreadTimeOut(true);
					this.scheduler = executor;
					scheduler = executor;
				}
			}
		}
		return scheduler;
	}

	@Override
	public void close() {
		this.closed = true;
		synchronized (this) {
			ScheduledExecutorService scheduler = this.scheduler;
			if (scheduler != null) {
				scheduler.shutdownNow();
			}
		}
	}

}
