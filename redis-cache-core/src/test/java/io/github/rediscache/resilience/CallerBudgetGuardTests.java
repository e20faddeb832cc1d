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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CallerBudgetGuardTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final AtomicInteger calls = new AtomicInteger();

	private final CallerBudgetGuard guard = new CallerBudgetGuard(RedisGuard.failSafe(), Duration.ofMillis(500),
			this.nanos::get);

	@Test
	void afterATimeoutTheSameCallerSkipsRedisForOneCommandTimeout() {
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(this::timingOut);
		this.nanos.addAndGet(Duration.ofMillis(499).toNanos());
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(this::counted)
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.TIMEOUT));
		assertThat(this.calls).as("Redis was not called again").hasValue(1);
		this.nanos.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(counted()).isEqualTo("ok");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void otherCallersStillReachRedis() throws Exception {
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(this::timingOut);
		assertThat(CompletableFuture.supplyAsync(this::counted).get()).isEqualTo("ok");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void callsToAnotherShardStillReachRedis() {
		RedisGuard sharded = new RedisGuard() {

			@Override
			public <T> T call(byte[] routingKey, Supplier<T> call) {
				return RedisGuard.failSafe().call(routingKey, call);
			}

			@Override
			public String shardOf(byte[] routingKey) {
				return (routingKey != null) ? "shard-" + (char) routingKey[0] : null;
			}

		};
		CallerBudgetGuard guard = new CallerBudgetGuard(sharded, Duration.ofMillis(500), this.nanos::get);
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> guard.call(key("a1"), () -> {
			throw new QueryTimeoutException("Redis command timed out");
		}));
		assertThat(guard.call(key("b1"), () -> "healthy shard")).isEqualTo("healthy shard");
		AtomicInteger failedShardCalls = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> guard.call(key("a2"), failedShardCalls::incrementAndGet));
		assertThat(failedShardCalls).hasValue(0);
	}

	@Test
	void failuresThatCostNoWaitStartNoBudget() {
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> this.guard.call(null, () -> {
			this.calls.incrementAndGet();
			throw new RedisSystemException("OOM command not allowed when used memory > 'maxmemory'", null);
		}));
		assertThat(counted()).isEqualTo("ok");
		assertThat(this.calls).hasValue(2);
	}

	private static byte[] key(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	private Object timingOut() {
		return this.guard.call(null, () -> {
			this.calls.incrementAndGet();
			throw new QueryTimeoutException("Redis command timed out");
		});
	}

	private String counted() {
		return this.guard.call(null, () -> {
			this.calls.incrementAndGet();
			return "ok";
		});
	}

}
