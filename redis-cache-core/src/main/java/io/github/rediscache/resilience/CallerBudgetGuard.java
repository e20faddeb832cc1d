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
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.lang.Nullable;

/**
 * Bounds what one caller spends waiting on Redis: once a call of a thread timed out or
 * lost its connection, that thread's further calls fail at once, for one command timeout.
 * A cache operation that missed because its read timed out then takes no lease and skips
 * its write without waiting again, so it spends at most one command timeout in Redis
 * however many commands it would send; other threads are not affected.
 *
 * @author redis-cache authors
 */
final class CallerBudgetGuard implements RedisGuard {

	private final RedisGuard delegate;

	private final long budgetNanos;

	private final LongSupplier nanoTime;

	private final ThreadLocal<Failure> failures = new ThreadLocal<>();

	CallerBudgetGuard(RedisGuard delegate, Duration commandTimeout, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.budgetNanos = commandTimeout.toNanos();
		this.nanoTime = nanoTime;
	}

	@Override
	public <T> T call(@Nullable byte[] routingKey, Supplier<T> call) {
		Failure failure = this.failures.get();
		String shard = (failure != null) ? this.delegate.shardOf(routingKey) : null;
		if (failure != null && Objects.equals(failure.shard(), shard)) {
			if (this.nanoTime.getAsLong() - failure.untilNanos() < 0) {
				throw new RedisUnavailableException(failure.reason(), null);
			}
			this.failures.remove();
		}
		try {
			return this.delegate.call(routingKey, call);
		}
		catch (RedisUnavailableException ex) {
			if (ex.getReason() == FallbackReason.TIMEOUT || ex.getReason() == FallbackReason.CONNECTION) {
				this.failures.set(new Failure(ex.getReason(), this.nanoTime.getAsLong() + this.budgetNanos,
						(failure != null) ? shard : this.delegate.shardOf(routingKey)));
			}
			throw ex;
		}
	}

	/**
	 * Run an asynchronous call without a budget: it holds no thread while Redis answers.
	 */
	@Override
	public <T> CompletableFuture<T> callAsync(@Nullable byte[] routingKey,
			Supplier<? extends CompletionStage<T>> call) {
		return this.delegate.callAsync(routingKey, call);
	}

	@Override
	@Nullable
	public String shardOf(@Nullable byte[] routingKey) {
		return this.delegate.shardOf(routingKey);
	}

	@Override
	public Map<String, String> breakerStates() {
		return this.delegate.breakerStates();
	}

	private record Failure(FallbackReason reason, long untilNanos, @Nullable String shard) {
	}

}
