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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessException;
import org.springframework.lang.Nullable;

/**
 * Runs a Redis call so that its failure is a {@link RedisUnavailableException} the caller
 * can fall back from, and (with a circuit breaker) so that a failing Redis is not called
 * at all for a while.
 *
 * @author redis-cache authors
 */
@FunctionalInterface
public interface RedisGuard {

	/**
	 * Run a Redis call.
	 * @param <T> the result type
	 * @param routingKey the key the call is about, to choose a cluster shard's breaker;
	 * {@code null} for a call that spans shards
	 * @param call the call
	 * @return what the call returned
	 * @throws RedisUnavailableException if Redis was not called or failed
	 */
	<T> T call(@Nullable byte[] routingKey, Supplier<T> call);

	/**
	 * Run an asynchronous Redis call. The returned future fails with a
	 * {@link RedisUnavailableException} (wrapped in a {@link CompletionException}) if
	 * Redis was not called or the call failed; it never blocks the calling thread. The
	 * default runs the call through {@link #call} and translates a failed completion;
	 * guards that judge calls by their outcome override it to judge the completion.
	 * @param <T> the result type
	 * @param routingKey the key the call is about, or {@code null} for a call that spans
	 * shards
	 * @param call starts the call
	 * @return the call's result
	 */
	default <T> CompletableFuture<T> callAsync(@Nullable byte[] routingKey,
			Supplier<? extends CompletionStage<T>> call) {
		CompletionStage<T> started;
		try {
			started = call(routingKey, call);
		}
		catch (RedisUnavailableException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return started.toCompletableFuture().handle((result, failure) -> {
			if (failure != null) {
				throw new CompletionException(RedisUnavailableException.from(failure));
			}
			return result;
		});
	}

	/**
	 * Return the name of the shard that serves a key, for guards that treat shards apart.
	 * @param routingKey the key, or {@code null} for a call that spans shards
	 * @return the shard, or {@code null} if the guard does not tell shards apart
	 */
	@Nullable
	default String shardOf(@Nullable byte[] routingKey) {
		return null;
	}

	/**
	 * Return the states of the guard's circuit breakers by name, such as {@code CLOSED}
	 * or {@code OPEN}; empty for a guard without breakers.
	 * @return the states
	 */
	default Map<String, String> breakerStates() {
		return Map.of();
	}

	/**
	 * Return a guard that bounds what one caller spends waiting on Redis: after a call of
	 * a thread timed out or lost its connection, that thread's further calls fail at once
	 * (with the same reason) for one command timeout.
	 * @param guard the guard that runs the calls
	 * @param commandTimeout the client's command timeout
	 * @return the guard
	 */
	static RedisGuard oneTimeoutPerCaller(RedisGuard guard, Duration commandTimeout) {
		return new CallerBudgetGuard(guard, commandTimeout, System::nanoTime);
	}

	/**
	 * Return a guard without a circuit breaker: every call reaches Redis and its failures
	 * become {@link RedisUnavailableException}s.
	 * @return the guard
	 */
	static RedisGuard failSafe() {
		return new RedisGuard() {

			@Override
			public <T> T call(byte[] routingKey, Supplier<T> call) {
				try {
					return call.get();
				}
				catch (DataAccessException | RedisException ex) {
					throw RedisUnavailableException.from(ex);
				}
			}

		};
	}

}
