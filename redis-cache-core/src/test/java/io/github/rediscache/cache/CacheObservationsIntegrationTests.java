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
package io.github.rediscache.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.stampede.StampedeSettings;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.rediscache.testing.SwitchableGuard;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Loads, waits for another caller's load and fallbacks are Micrometer observations with
 * low-cardinality tags, recorded by an observation handler, against real Redis; and a
 * caller that joins an asynchronous load waits for it no longer than the lease wait.
 */
@EmbeddedRedis
class CacheObservationsIntegrationTests {

	private static final Duration LEASE_WAIT = Duration.ofMillis(300);

	private final RedisDeployment redis;

	private final List<String> started = new CopyOnWriteArrayList<>();

	private final List<Stopped> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final SwitchableGuard guard = new SwitchableGuard();

	private LettuceConnectionFactory connectionFactory;

	private ResilientRedisCacheManager manager;

	private Cache products;

	CacheObservationsIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
	}

	@BeforeEach
	void start() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				CacheObservationsIntegrationTests.this.started.add(context.getName());
			}

			@Override
			public void onStop(Observation.Context context) {
				CacheObservationsIntegrationTests.this.stopped.add(new Stopped(context.getName(),
						context.getLowCardinalityKeyValues()
							.stream()
							.collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue)),
						context.getError() != null));
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		this.connectionFactory = ConnectionFactories.startedFor(this.redis);
		this.manager = newManager();
		this.products = this.manager.getCache("products");
	}

	private ResilientRedisCacheManager newManager() {
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.cache("products",
					CacheSpec.DEFAULTS.withStampede(StampedeSettings.DEFAULTS.withLeaseWait(LEASE_WAIT)
						.withLeaseTime(Duration.ofSeconds(30))
						.withEarlyRefresh(false)))
			.guard(this.guard)
			.observationRegistry(this.registry)
			.build();
		manager.afterPropertiesSet();
		return manager;
	}

	@AfterEach
	void stop() {
		this.manager.destroy();
		this.connectionFactory.destroy();
		this.redis.flushAll();
	}

	@Test
	void aLoadIsObservedWithItsCacheTriggerAndError() {
		assertThat(this.products.get(1, () -> "loaded")).isEqualTo("loaded");
		assertThatException().isThrownBy(() -> this.products.get(2, () -> {
			throw new IllegalStateException("database down");
		}));
		assertThat(this.products.retrieve(3, () -> CompletableFuture.completedFuture("async")).join())
			.isEqualTo("async");
		assertThat(named(CacheObservations.LOAD)).containsExactly(
				new Stopped(CacheObservations.LOAD, Map.of("cache", "products", "trigger", "miss"), false),
				new Stopped(CacheObservations.LOAD, Map.of("cache", "products", "trigger", "miss"), true),
				new Stopped(CacheObservations.LOAD, Map.of("cache", "products", "trigger", "miss"), false));
		assertThat(this.products.get(1, () -> "again")).isEqualTo("loaded");
		assertThat(named(CacheObservations.LOAD)).hasSize(3);
	}

	@Test
	void aWaitForALoadInThisInstanceIsObservedWithItsOutcome() throws Exception {
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> leader = CompletableFuture.supplyAsync(() -> this.products.get(4, () -> {
			loading.countDown();
			release.await(10, TimeUnit.SECONDS);
			return "shared";
		}));
		assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> this.products.get(4, () -> "own"));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.started.contains(CacheObservations.LEASE_WAIT));
		release.countDown();
		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
		assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("shared");
		assertThat(named(CacheObservations.LEASE_WAIT)).containsExactly(new Stopped(CacheObservations.LEASE_WAIT,
				Map.of("cache", "products", "holder", "this-instance", "outcome", "served"), false));
	}

	@Test
	void aWaitForAnotherInstancesLoadIsObservedAndRunsOutAfterTheLeaseWait() throws Exception {
		ResilientRedisCacheManager otherInstance = newManager();
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			CompletableFuture<Object> holder = CompletableFuture
				.supplyAsync(() -> otherInstance.getCache("products").get(5, () -> {
					loading.countDown();
					release.await(10, TimeUnit.SECONDS);
					return "other";
				}));
			assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
			this.stopped.clear();
			assertThat(this.products.get(5, () -> "own")).isEqualTo("own");
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			otherInstance.destroy();
		}
		assertThat(named(CacheObservations.LEASE_WAIT)).containsExactly(new Stopped(CacheObservations.LEASE_WAIT,
				Map.of("cache", "products", "holder", "other-instance", "outcome", "timed-out"), false));
	}

	@Test
	void aFallbackIsObservedWithItsReason() {
		this.guard.up(false);
		assertThat(this.products.get(6, () -> "from the loader")).isEqualTo("from the loader");
		assertThat(named(CacheObservations.FALLBACK)).isNotEmpty()
			.allSatisfy((fallback) -> assertThat(fallback.tags()).containsEntry("cache", "products")
				.containsEntry("reason", "connection"));
	}

	@Test
	void aCallerThatJoinsAnAsynchronousLoadThatNeverCompletesLoadsItselfAfterTheLeaseWait() {
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> never = this.products.retrieve(7, () -> {
			loads.incrementAndGet();
			return new CompletableFuture<>();
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
		long started = System.nanoTime();
		CompletableFuture<String> joined = this.products.retrieve(7, () -> {
			loads.incrementAndGet();
			return CompletableFuture.completedFuture("own");
		});
		assertThat(joined).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("own");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(LEASE_WAIT);
		assertThat(named(CacheObservations.LEASE_WAIT)).containsExactly(new Stopped(CacheObservations.LEASE_WAIT,
				Map.of("cache", "products", "holder", "this-instance", "outcome", "timed-out"), false));
		// The load that never completes is forgotten: a later caller leads a load of its
		// own instead of joining it.
		this.redis.flushAll();
		assertThat(this.products.retrieve(7, () -> CompletableFuture.completedFuture("later")))
			.succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo("later");
		assertThat(named(CacheObservations.LEASE_WAIT)).hasSize(1);
		assertThat(never).isNotDone();
		assertThat(loads).hasValue(2);
	}

	private List<Stopped> named(String name) {
		return this.stopped.stream().filter((observation) -> observation.name().equals(name)).toList();
	}

	private record Stopped(String name, Map<String, String> tags, boolean failed) {
	}

}
