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
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.rediscache.testing.SettableClock;
import io.github.rediscache.testing.SwitchableGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The manager as an application without Spring Boot builds it, against real Redis.
 */
@EmbeddedRedis
class ResilientRedisCacheManagerIntegrationTests {

	private final RedisDeployment redis;

	private final RedisNode node;

	private LettuceConnectionFactory connectionFactory;

	ResilientRedisCacheManagerIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
	}

	@BeforeEach
	void connect() {
		this.connectionFactory = ConnectionFactories.startedFor(this.redis);
	}

	@AfterEach
	void disconnect() {
		this.connectionFactory.destroy();
		this.redis.flushAll();
	}

	@Test
	void aBuiltManagerStoresJsonWithATtlUnderItsKeyLayout() {
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.keyPrefix("shop:")
			.cache("products", CacheSpec.DEFAULTS.withTtl(Duration.ofHours(1)).withKeyVersion("2"))
			.build();
		manager.afterPropertiesSet();
		Cache products = manager.getCache("products");
		products.put(1, "first");
		assertThat(products.get(1, String.class)).isEqualTo("first");
		String stored = this.node.call((commands) -> commands.get("shop:products:v2::1"));
		assertThat(stored).startsWith("[\"~\",0,").endsWith(",\"first\"]");
		long ttl = this.node.<Long>call((commands) -> commands.pttl("shop:products:v2::1"));
		assertThat(ttl).isBetween(Duration.ofMinutes(57).toMillis(), Duration.ofHours(1).toMillis());
		manager.destroy();
	}

	private static boolean sleepsBetweenLeasePolls(Thread thread) {
		// Parked in the pause between polls (which the release of the lease may cut
		// short),
		// not on its way in or out of it.
		StackTraceElement[] stack = thread.getStackTrace();
		return stack.length > 0 && stack[0].getMethodName().startsWith("park")
				&& Arrays.stream(stack)
					.anyMatch((frame) -> frame.getClassName().endsWith("LoadCoordinator")
							&& frame.getMethodName().equals("pauseUntil"));
	}

	@Test
	void aCallerInterruptedWhileWaitingForAnotherInstancesLoadKeepsItsInterrupt() throws Exception {
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory).build();
		manager.afterPropertiesSet();
		Cache products = manager.getCache("products");
		// Another instance holds the key's lease and is loading.
		this.node.call((commands) -> commands.set("{products::k}~lease", "another-instance"));
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				products.get("k", () -> "loaded");
			}
			catch (RuntimeException ex) {
				failure.set(ex);
			}
			interrupted.set(Thread.currentThread().isInterrupted());
		});
		caller.start();
		// Interrupted while it sleeps between polls of the lease, not while it waits for
		// a
		// Redis reply (also a timed wait, which Lettuce reports differently).
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			if (sleepsBetweenLeasePolls(caller)) {
				caller.interrupt();
			}
			return !caller.isAlive();
		});
		assertThat(failure.get()).isInstanceOf(Cache.ValueRetrievalException.class)
			.hasRootCauseInstanceOf(InterruptedException.class);
		assertThat(interrupted).as("the thread's interrupt flag").isTrue();
		manager.destroy();
	}

	@Test
	void aPutThatFollowsAMissOfTheSameKeyStoresTheTimeSinceTheMissSoThatItIsRefreshedEarly() {
		AtomicLong now = new AtomicLong(1_000_000);
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.clock(new SettableClock(now))
			.build();
		manager.afterPropertiesSet();
		Cache products = manager.getCache("products");
		assertThat(products.get(1)).as("the miss of @Cacheable without sync").isNull();
		now.addAndGet(40);
		products.put(1, "loaded");
		assertThat(this.node.<String>call((commands) -> commands.get("products::1"))).startsWith("[\"~\",40,");
		products.put(2, "not after a miss of its key");
		assertThat(this.node.<String>call((commands) -> commands.get("products::2"))).startsWith("[\"~\",0,");
		manager.destroy();
	}

	@Test
	void runtimeCachesTakeTheDefaultsUnlessForbidden() {
		ResilientRedisCacheManager open = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.defaults(CacheSpec.DEFAULTS.withTtl(Duration.ofMinutes(2)).withTtlJitterPercent(0))
			.build();
		open.afterPropertiesSet();
		open.getCache("adhoc").put("k", 42);
		assertThat(this.node.<Long>call((commands) -> commands.pttl("adhoc::k"))).isBetween(1L, 120_000L);
		ResilientRedisCacheManager closed = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.allowRuntimeCaches(false)
			.cache("products", CacheSpec.DEFAULTS)
			.build();
		closed.afterPropertiesSet();
		assertThat(closed.getCache("adhoc")).isNull();
		assertThat(closed.getCache("products")).isNotNull();
		open.destroy();
		closed.destroy();
	}

	@Test
	void invalidationsAreReplayedOnTheManagersOwnThreadWhichStopsWithIt() {
		SwitchableGuard guard = new SwitchableGuard();
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.guard(guard)
			.build();
		manager.afterPropertiesSet();
		Cache products = manager.getCache("products");
		products.put(1, "old");
		guard.up(false);
		products.evict(1);
		guard.up(true);
		assertThat(products.get(1)).as("the evicted key misses while its eviction is pending").isNull();
		// A call of another caller (this one just failed, so it skips Redis for a
		// command timeout) reaches Redis and starts the replay.
		CompletableFuture.runAsync(() -> products.put(2, "next")).join();
		await().atMost(Duration.ofSeconds(5)).until(() -> manager.pendingInvalidations().size() == 0);
		assertThat(this.node.<Long>call((commands) -> commands.exists("products::1"))).isZero();
		assertThat(backgroundThreads()).isPositive();
		manager.destroy();
		await().atMost(Duration.ofSeconds(5)).until(() -> backgroundThreads() == 0);
	}

	@Test
	void anExecutorGivenToTheBuilderIsLeftToItsOwner() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
		try {
			ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
				.backgroundExecutor(executor)
				.build();
			manager.destroy();
			assertThat(executor.isShutdown()).isFalse();
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static long backgroundThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("redis-cache-background-"))
			.count();
	}

}
