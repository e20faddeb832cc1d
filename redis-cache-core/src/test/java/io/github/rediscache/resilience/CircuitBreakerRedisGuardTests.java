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

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CircuitBreakerRedisGuardTests {

	private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
		.slidingWindowType(SlidingWindowType.COUNT_BASED)
		.slidingWindowSize(4)
		.minimumNumberOfCalls(4)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofMinutes(1))
		.ignoreException((failure) -> FallbackReason.of(failure) == FallbackReason.OOM)
		.build());

	private final AtomicInteger unavailableSignals = new AtomicInteger();

	private final CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(this.registry,
			(key) -> new String(key, StandardCharsets.UTF_8).startsWith("a") ? "10.0.0.1:6379" : "10.0.0.2:6379",
			this.unavailableSignals::incrementAndGet, 100);

	@Test
	void redisFailuresBecomeFallbacksAndOpenTheBreaker() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> fail("a1"))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.CONNECTION));
		}
		assertThat(this.guard.breakerFor(key("a1")).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> this.guard.call(key("a2"), calls::incrementAndGet))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.OPEN));
		assertThat(calls).as("an open breaker does not call Redis").hasValue(0);
		assertThat(this.unavailableSignals).hasValue(5);
	}

	@Test
	void asynchronousCallsAreJudgedByTheirCompletionWithTheSameBreaker() {
		for (int i = 0; i < 4; i++) {
			CompletableFuture<String> failed = this.guard.callAsync(key("a1"),
					() -> CompletableFuture.failedFuture(new QueryTimeoutException("timed out")));
			assertThatExceptionOfType(CompletionException.class).isThrownBy(failed::join)
				.havingCause()
				.isInstanceOfSatisfying(RedisUnavailableException.class,
						(ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.TIMEOUT));
		}
		assertThat(this.guard.breakerFor(key("a1")).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		AtomicInteger calls = new AtomicInteger();
		CompletableFuture<Integer> refused = this.guard.callAsync(key("a2"),
				() -> CompletableFuture.completedFuture(calls.incrementAndGet()));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.havingCause()
			.isInstanceOfSatisfying(RedisUnavailableException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.OPEN));
		assertThat(calls).as("an open breaker does not call Redis").hasValue(0);
		assertThat(this.guard.callAsync(key("b1"), () -> CompletableFuture.completedFuture("ok")).join())
			.isEqualTo("ok");
	}

	@Test
	void anAsynchronousFailureThatIsNotRedisTroublePassesThroughAndIsNotCounted() {
		CompletableFuture<String> failed = this.guard.callAsync(key("a1"),
				() -> CompletableFuture.failedFuture(new IllegalStateException("a bug in the caller")));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(failed::join)
			.withCauseInstanceOf(IllegalStateException.class);
		assertThat(this.guard.breakerFor(key("a1")).getMetrics().getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void aFailedShardDoesNotOpenTheBreakerOfAnother() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> fail("a1"));
		}
		assertThat(this.guard.call(key("b1"), () -> "ok")).isEqualTo("ok");
		assertThat(this.guard.breakerStates()).containsEntry("redis-cache-10.0.0.1:6379", "OPEN")
			.containsEntry("redis-cache-10.0.0.2:6379", "CLOSED");
	}

	@Test
	void outOfMemoryRefusalsDoNotOpenTheBreaker() {
		for (int i = 0; i < 8; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class)
				.isThrownBy(() -> this.guard.call(key("a1"), () -> {
					throw new RedisSystemException("OOM command not allowed when used memory > 'maxmemory'", null);
				}))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(FallbackReason.OOM));
		}
		assertThat(this.guard.breakerFor(key("a1")).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anErrorThatIsNotRedisTroublePassesThroughAndIsNotCounted() {
		for (int i = 0; i < 8; i++) {
			assertThatIllegalStateException().isThrownBy(() -> this.guard.call(key("a1"), () -> {
				throw new IllegalStateException("a bug in the caller");
			}));
		}
		CircuitBreaker breaker = this.guard.breakerFor(key("a1"));
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
	}

	@Test
	void aRunOfFailuresOpensABreakerWhoseWindowIsFullOfSuccesses() {
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(
				CircuitBreakerRegistry
					.of(CircuitBreakerRedisGuard.config(ResilienceSettings.DEFAULTS, Duration.ofMillis(500))),
				(key) -> null, () -> {
				}, 3);
		for (int i = 0; i < 1000; i++) {
			guard.call(key("a1"), () -> "ok");
		}
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
		}
		assertThat(guard.breakerFor(null).getState()).as("2 of 1002 failed").isEqualTo(CircuitBreaker.State.CLOSED);
		assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void aSuccessEndsTheRun() {
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(
				CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().minimumNumberOfCalls(100).build()),
				(key) -> null, () -> {
				}, 3);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
			guard.call(key("a1"), () -> "ok");
			guard.call(key("a1"), () -> "ok");
		}
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void slowCallsInARowOpenTheBreakerOnceTheShardHasAnsweredFast() {
		CircuitBreakerRedisGuard guard = slowAfter20Millis();
		assertThat(guard.call(key("a1"), () -> "fast")).isEqualTo("fast");
		for (int i = 0; i < 3; i++) {
			assertThat(guard.call(key("a1"), CircuitBreakerRedisGuardTests::slowAnswer)).isEqualTo("answered, slowly");
		}
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void aColdShardsSlowFirstCallsDoNotOpenItButItsFailuresDo() {
		CircuitBreakerRedisGuard guard = slowAfter20Millis();
		for (int i = 0; i < 5; i++) {
			assertThat(guard.call(key("a1"), CircuitBreakerRedisGuardTests::slowAnswer)).isEqualTo("answered, slowly");
		}
		assertThat(guard.breakerFor(null).getState()).as("slow while cold").isEqualTo(CircuitBreaker.State.CLOSED);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
		}
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	/**
	 * A guard whose calls are slow from 20 ms, whose rates never judge (100 calls at
	 * least) and whose run of 3 bad calls opens a breaker.
	 */
	private static CircuitBreakerRedisGuard slowAfter20Millis() {
		return new CircuitBreakerRedisGuard(CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slowCallDurationThreshold(Duration.ofMillis(20))
			.minimumNumberOfCalls(100)
			.build()), (key) -> null, () -> {
			}, 3);
	}

	/**
	 * A Redis that answers, but only after the slow-call threshold: the time is spent in
	 * the call, as a slow server spends it.
	 */
	private static String slowAnswer() {
		long end = System.nanoTime() + Duration.ofMillis(30).toNanos();
		for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
		return "answered, slowly";
	}

	@Test
	void theBreakerOfANodeThatLeftTheClusterIsDropped() {
		Set<String> live = new HashSet<>(Set.of("10.0.0.1:6379", "10.0.0.2:6379"));
		Map<String, String> routing = new HashMap<>(Map.of("a", "10.0.0.1:6379", "b", "10.0.0.2:6379"));
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(this.registry,
				(key) -> routing.get(new String(key, 0, 1, StandardCharsets.UTF_8)), () -> {
				}, 3, () -> live);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> guard.call(key("a1"), () -> {
				throw new RedisConnectionFailureException("connection refused");
			}));
		}
		guard.call(key("b1"), () -> "ok");
		assertThat(guard.breakerStates()).containsEntry("redis-cache-10.0.0.1:6379", "OPEN");
		// A failover: the replica 10.0.0.3 now serves the slots of 10.0.0.1.
		live.remove("10.0.0.1:6379");
		live.add("10.0.0.3:6379");
		routing.put("a", "10.0.0.3:6379");
		assertThat(guard.call(key("a1"), () -> "served by the promoted replica"))
			.isEqualTo("served by the promoted replica");
		assertThat(guard.breakerStates()).containsOnlyKeys("redis-cache-10.0.0.2:6379", "redis-cache-10.0.0.3:6379")
			.doesNotContainValue("OPEN");
		assertThat(this.registry.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
			.doesNotContain("redis-cache-10.0.0.1:6379");
	}

	@Test
	void everyPrimaryOfTheTopologyHasABreakerBeforeItsFirstCall() {
		Set<String> live = Set.of("10.0.0.1:6379", "10.0.0.2:6379", "10.0.0.3:6379");
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(this.registry, (key) -> "10.0.0.1:6379", () -> {
		}, 3, () -> live);
		assertThat(guard.call(key("a1"), () -> "ok")).isEqualTo("ok");
		assertThat(guard.breakerStates())
			.containsOnlyKeys("redis-cache-10.0.0.1:6379", "redis-cache-10.0.0.2:6379", "redis-cache-10.0.0.3:6379")
			.containsValues("CLOSED");
	}

	@Test
	void aNodeConnectedAgainGetsProbesInsteadOfWaitingOutTheOpenState() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> fail("a1"));
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> fail("b1"));
		}
		this.guard.connectionActivated(new InetSocketAddress("10.0.0.1", 6379));
		assertThat(this.guard.breakerFor(key("a1")).getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(this.guard.breakerFor(key("b1")).getState()).as("another node").isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.guard.call(key("a2"), () -> "probe")).isEqualTo("probe");
	}

	@Test
	void probesThatFailWhileAnotherConnectionCameBackAreTriedAgainAtOnce() {
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(
				CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
					.slidingWindowType(SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(2)
					.minimumNumberOfCalls(2)
					.permittedNumberOfCallsInHalfOpenState(2)
					.waitDurationInOpenState(Duration.ofMinutes(1))
					.build()),
				(key) -> null, () -> {
				}, 100);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
		}
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.OPEN);
		// Two connections come back; the probes went out over the one still down.
		guard.connectionActivated(new InetSocketAddress("127.0.0.1", 6379));
		guard.connectionActivated(new InetSocketAddress("127.0.0.1", 6379));
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(RedisUnavailableException.class).isThrownBy(() -> failing(guard));
		}
		assertThat(guard.breakerFor(null).getState()).as("probed again, not open for a minute")
			.isEqualTo(CircuitBreaker.State.HALF_OPEN);
		guard.call(key("a1"), () -> "ok");
		guard.call(key("a1"), () -> "ok");
		assertThat(guard.breakerFor(null).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anUnknownTopologyDropsNothing() {
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(this.registry, (key) -> "10.0.0.1:6379", () -> {
		}, 3, () -> null);
		guard.call(key("a1"), () -> "ok");
		assertThat(guard.breakerStates()).containsOnlyKeys("redis-cache-10.0.0.1:6379");
	}

	@Test
	void callsThatSpanShardsUseTheDefaultBreaker() {
		assertThat(this.guard.breakerFor(null).getName()).isEqualTo(CircuitBreakerRedisGuard.DEFAULT_BREAKER);
		CircuitBreakerRedisGuard standalone = new CircuitBreakerRedisGuard(this.registry);
		assertThat(standalone.breakerFor(key("a1")).getName()).isEqualTo(CircuitBreakerRedisGuard.DEFAULT_BREAKER);
	}

	@Test
	void configIsSizedForACacheFromTheSettingsAndTheCommandTimeout() {
		CircuitBreakerConfig config = CircuitBreakerRedisGuard.config(ResilienceSettings.DEFAULTS,
				Duration.ofMillis(500));
		assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
		assertThat(config.getSlidingWindowSize()).isEqualTo(10);
		assertThat(config.getMinimumNumberOfCalls()).isEqualTo(20);
		assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofMillis(400));
		assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(5000);
		assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
		ResilienceSettings explicit = new ResilienceSettings(50, 50, Duration.ofMillis(150), Duration.ofSeconds(10), 20,
				Duration.ofSeconds(5), 3, 3, 10000);
		assertThat(CircuitBreakerRedisGuard.config(explicit, Duration.ofMillis(500)).getSlowCallDurationThreshold())
			.isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void aOneSecondWindowTakesTheSynchronizedWindowAndCountsWithoutErrors() {
		ResilienceSettings oneSecond = new ResilienceSettings(50, 50, null, Duration.ofSeconds(1), 5,
				Duration.ofSeconds(5), 3, 3, 10000);
		CircuitBreakerConfig config = CircuitBreakerRedisGuard.config(oneSecond, Duration.ofMillis(500));
		assertThat(config.getSlidingWindowSynchronizationStrategy())
			.isEqualTo(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED);
		assertThat(CircuitBreakerRedisGuard.config(ResilienceSettings.DEFAULTS, Duration.ofMillis(500))
			.getSlidingWindowSynchronizationStrategy())
			.isEqualTo(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE);
		CircuitBreakerRedisGuard guard = new CircuitBreakerRedisGuard(CircuitBreakerRegistry.of(config), (key) -> null,
				() -> {
				}, 3);
		for (int i = 0; i < 1000; i++) {
			assertThat(guard.call(key("a1"), () -> "ok")).isEqualTo("ok");
		}
		assertThat(guard.breakerFor(null).getMetrics().getNumberOfSuccessfulCalls()).isPositive();
	}

	private static Object failing(CircuitBreakerRedisGuard guard) {
		return guard.call(key("a1"), () -> {
			throw new QueryTimeoutException("Redis command timed out");
		});
	}

	private Object fail(String key) {
		return this.guard.call(key(key), () -> {
			throw new RedisConnectionFailureException("connection refused");
		});
	}

	private static byte[] key(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
