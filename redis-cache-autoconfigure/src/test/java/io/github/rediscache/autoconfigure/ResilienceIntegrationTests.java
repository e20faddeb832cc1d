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

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.cache.writer.PendingInvalidations;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected into a real standalone Redis while 8 threads call a cached method: no
 * caller ever sees an exception or another key's value.
 */
@EmbeddedRedis(configuration = "maxmemory 4mb")
class ResilienceIntegrationTests {

	private static final int THREADS = 8;

	private final RedisDeployment redis;

	private final RedisNode node;

	private final ApplicationContextRunner runner;

	ResilienceIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
		this.runner = TestContexts.with(redis)
			.withPropertyValues("spring.data.redis.timeout=250ms", "redis-cache.resilience.minimum-number-of-calls=10",
					"redis-cache.resilience.wait-in-open-state=1s", "redis-cache.resilience.sliding-window=5s");
	}

	@AfterEach
	void restore() {
		if (!this.node.isRunning()) {
			this.node.restart();
		}
		this.node.resume();
		this.node.call((commands) -> commands.configSet("maxmemory-policy", "noeviction"));
		this.redis.flushAll();
	}

	@Test
	void killedServerCostsCallersNothingAndCachingResumesAfterARestart() throws Exception {
		// A 60 s open state: caching resumes on Lettuce's reconnect, well before it ends.
		this.runner.withPropertyValues("redis-cache.resilience.wait-in-open-state=60s").run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			try (Traffic traffic = Traffic.start(THREADS, 50, (id) -> service.product(id).id())) {
				await().until(() -> hits(context) > 100);
				this.node.kill();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> breaker(context).getState() == CircuitBreaker.State.OPEN);
				// Served without waiting: by the open breaker, or by the caller's own
				// budget right after its call failed (tagged with that failure's reason).
				double failFastBefore = fallbacks(context, "open") + fallbacks(context, "connection");
				long callsBefore = traffic.calls();
				await().until(() -> traffic.calls() > callsBefore + 200);
				assertThat(fallbacks(context, "open") + fallbacks(context, "connection"))
					.as("calls while open do not touch Redis")
					.isGreaterThan(failFastBefore + 200);
				this.node.restart();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> breaker(context).getState() == CircuitBreaker.State.CLOSED);
				double hitsAfterRestart = hits(context);
				await().atMost(Duration.ofSeconds(10)).until(() -> hits(context) > hitsAfterRestart + 100);
				assertThat(traffic.failures()).isEmpty();
				assertThat(traffic.wrongResults()).isEmpty();
			}
		});
	}

	@Test
	void hungServerBoundsEachCallByTheTimeoutThenOpensAndNeverMixesUpReplies() throws Exception {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			try (Traffic traffic = Traffic.start(THREADS, 50, (id) -> service.product(id).id())) {
				await().until(() -> hits(context) > 100);
				this.node.suspend();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> breaker(context).getState() == CircuitBreaker.State.OPEN);
				assertThat(fallbacks(context, "timeout")).isPositive();
				this.node.resume();
				await().atMost(Duration.ofSeconds(20))
					.until(() -> breaker(context).getState() == CircuitBreaker.State.CLOSED);
				double hitsAfterResume = hits(context);
				await().atMost(Duration.ofSeconds(10)).until(() -> hits(context) > hitsAfterResume + 100);
				assertThat(traffic.failures()).isEmpty();
				assertThat(traffic.wrongResults()).isEmpty();
			}
		});
	}

	@Test
	void hungServerAfterSustainedTrafficOpensTheBreakerWithinASecondAndNoCallerWaitsTwice() throws Exception {
		this.runner
			.withPropertyValues("spring.data.redis.timeout=500ms", "redis-cache.resilience.sliding-window=10s",
					"redis-cache.resilience.minimum-number-of-calls=20", "redis-cache.resilience.wait-in-open-state=5s")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				Queue<long[]> timings = new ConcurrentLinkedQueue<>();
				try (Traffic traffic = Traffic.start(THREADS, 50, (id) -> {
					long start = System.nanoTime();
					long owner = service.productSync(id).id();
					timings.add(new long[] { start, System.nanoTime() - start });
					return owner;
				})) {
					// Minutes of traffic in miniature: the breaker's 10 s window is full
					// of
					// successes when the server hangs.
					await().atMost(Duration.ofSeconds(30))
						.until(() -> breaker(context).getMetrics().getNumberOfSuccessfulCalls() > 3000);
					long hungAt = System.nanoTime();
					this.node.suspend();
					await().atMost(Duration.ofSeconds(1))
						.until(() -> breaker(context).getState() == CircuitBreaker.State.OPEN);
					long openedAt = System.nanoTime();
					long callsWhenOpened = traffic.calls();
					await().atMost(Duration.ofSeconds(10)).until(() -> traffic.calls() > callsWhenOpened + 2000);
					this.node.resume();
					assertThat(traffic.failures()).isEmpty();
					assertThat(traffic.wrongResults()).isEmpty();
					long longestDuringHang = timings.stream()
						.filter((timing) -> timing[0] >= hungAt)
						.mapToLong((timing) -> timing[1])
						.max()
						.orElseThrow();
					assertThat(Duration.ofNanos(longestDuringHang)).as("at most one command timeout per call")
						.isLessThan(Duration.ofMillis(500 + 250));
					long[] afterOpen = timings.stream()
						.filter((timing) -> timing[0] >= openedAt)
						.mapToLong((timing) -> timing[1])
						.sorted()
						.toArray();
					assertThat(afterOpen.length).isGreaterThan(2000);
					assertThat(Duration.ofNanos(afterOpen[(int) (afterOpen.length * 0.99)]))
						.as("p99 while the breaker is open")
						.isLessThan(Duration.ofMillis(50));
				}
			});
	}

	@Test
	void slowServerOpensTheBreakerThroughSlowCalls() throws Exception {
		this.runner
			.withPropertyValues("spring.data.redis.timeout=2s",
					"redis-cache.resilience.slow-call-duration-threshold=50ms",
					"redis-cache.resilience.sliding-window=1s", "redis-cache.resilience.minimum-number-of-calls=5")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				// Counted from events: the breaker's own metrics start afresh on every
				// state
				// change, and a reconnect may move it to half-open and back meanwhile.
				AtomicInteger slowSuccesses = new AtomicInteger();
				breaker(context).getEventPublisher().onSuccess((event) -> {
					if (event.getElapsedDuration().compareTo(Duration.ofMillis(50)) >= 0) {
						slowSuccesses.incrementAndGet();
					}
				});
				// Counted from events too: once the server answers again, the background
				// probe moves an open breaker to half-open within 100 ms.
				AtomicInteger opened = new AtomicInteger();
				breaker(context).getEventPublisher().onStateTransition((event) -> {
					if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
						opened.incrementAndGet();
					}
				});
				try (Traffic traffic = Traffic.start(THREADS, 50, (id) -> service.product(id).id())) {
					await().until(() -> hits(context) > 100);
					// Pauses longer than the sliding window and shorter than the command
					// timeout: the window then holds only slow calls, none that failed.
					for (int pause = 0; pause < 5 && opened.get() == 0; pause++) {
						this.node.pauseClients(Duration.ofMillis(1500));
						// Answers once the pause is over.
						this.node.call((commands) -> commands.ping());
					}
					await().atMost(Duration.ofSeconds(5)).until(() -> opened.get() > 0);
					assertThat(slowSuccesses).as("slow calls that succeeded").hasPositiveValue();
					assertThat(fallbacks(context, "timeout")).isZero();
					assertThat(traffic.failures()).isEmpty();
				}
			});
	}

	@Test
	void applicationStartsWithoutRedisAndUsesItOnceItAppears() throws Exception {
		this.node.kill();
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			CatalogueService service = context.getBean(CatalogueService.class);
			assertThat(service.product(1).id()).isEqualTo(1);
			assertThat(service.product(1).id()).isEqualTo(1);
			assertThat(service.loads()).isEqualTo(2);
			assertThat(
					context.getBean("redisCacheHealthIndicator", HealthIndicator.class).health().getStatus().getCode())
				.isEqualTo("DEGRADED");
			this.node.restart();
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				service.product(2);
				int loads = service.loads();
				service.product(2);
				assertThat(service.loads()).isEqualTo(loads);
			});
			assertThat(context.getBean("redisCacheHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
		});
	}

	@Test
	void fullRedisRefusesWritesButCallersAreServedAndTheFallbackIsCounted() {
		this.runner.run((context) -> {
			fill(this.node);
			CatalogueService service = context.getBean(CatalogueService.class);
			for (long id = 0; id < 30; id++) {
				assertThat(service.product(id).id()).isEqualTo(id);
			}
			assertThat(service.loads()).isEqualTo(30);
			assertThat(fallbacks(context, "oom")).isEqualTo(30);
			assertThat(breaker(context).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void aCachePutDuringAnOutageIsNeverFollowedByTheValueItReplaced() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			service.update(new Product(1, "old", new BigDecimal("1.00"), Instant.parse("2026-11-26T10:15:30Z"),
					LocalDate.of(2026, 1, 31)));
			assertThat(service.product(1).name()).isEqualTo("old");
			// Redis keeps its data while it does not answer.
			this.node.suspend();
			service.update(new Product(1, "new", new BigDecimal("2.00"), Instant.parse("2026-11-26T10:15:30Z"),
					LocalDate.of(2026, 1, 31)));
			this.node.resume();
			assertThat(service.product(1).name()).as("never the replaced value").isNotEqualTo("old");
			PendingInvalidations pending = context.getBean(ResilientRedisCacheManager.class).pendingInvalidations();
			await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 0);
			assertThat(service.product(1).name()).isNotEqualTo("old");
		});
	}

	@Test
	void anEvictionDuringAnOutageIsNeverFollowedByTheOldValue() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			service.product(1);
			assertThat(service.product(1).name()).isEqualTo("product-1");
			this.node.suspend();
			service.delete(1);
			PendingInvalidations pending = context.getBean(ResilientRedisCacheManager.class).pendingInvalidations();
			assertThat(pending.size("products")).isOne();
			this.node.resume();
			int loads = service.loads();
			service.product(1);
			assertThat(service.loads()).as("the evicted key is a miss, not the old entry").isEqualTo(loads + 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 0);
			long leftovers = this.node.call((commands) -> commands.exists("products::1"));
			assertThat(leftovers).isZero();
		});
	}

	private static CircuitBreaker breaker(AssertableApplicationContext context) {
		return context.getBean(CircuitBreakerRedisGuard.class)
			.registry()
			.circuitBreaker(CircuitBreakerRedisGuard.DEFAULT_BREAKER);
	}

	private static double hits(AssertableApplicationContext context) {
		FunctionCounter hits = context.getBean(MeterRegistry.class)
			.find("cache.gets")
			.tag("cache", "products")
			.tag("result", "hit")
			.functionCounter();
		return (hits != null) ? hits.count() : 0;
	}

	private static double fallbacks(AssertableApplicationContext context, String reason) {
		return context.getBean(MeterRegistry.class)
			.find(MicrometerCacheEventListener.FALLBACKS)
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * Write ballast until even a 16-byte value is refused, so that Redis stays over its
	 * {@code maxmemory}.
	 */
	private static void fill(RedisNode node) {
		int size = 64 * 1024;
		for (int i = 0; i < 10_000 && size >= 16; i++) {
			String key = "ballast:" + i;
			String block = "x".repeat(size);
			try {
				node.call((commands) -> commands.set(key, block));
			}
			catch (RuntimeException ex) {
				assertThat(ex).hasMessageStartingWith("OOM");
				size /= 4;
			}
		}
		assertThat(size).as("Redis filled up").isLessThan(16);
	}

}
