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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.rediscache.testing.SettableClock;
import io.github.rediscache.testing.SwitchableGuard;
import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link Cache#retrieve(Object)} and
 * {@link Cache#retrieve(Object, java.util.function.Supplier)}, used by {@code @Cacheable}
 * methods that return a {@code CompletableFuture} or a reactive type, against real Redis.
 */
@EmbeddedRedis
class AsyncRetrieveIntegrationTests {

	private final RedisDeployment redis;

	private final RedisNode node;

	private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

	private final SwitchableGuard guard = new SwitchableGuard();

	private LettuceConnectionFactory connectionFactory;

	private ResilientRedisCacheManager manager;

	private Cache products;

	AsyncRetrieveIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
	}

	@BeforeEach
	void start() {
		this.connectionFactory = ConnectionFactories.startedFor(this.redis);
		this.manager = newManager();
		this.products = this.manager.getCache("products");
	}

	private ResilientRedisCacheManager newManager() {
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.cache("products", CacheSpec.DEFAULTS.withTtl(Duration.ofMinutes(10)).withTtlJitterPercent(0))
			.guard(this.guard)
			.clock(new SettableClock(this.now))
			.random(() -> 0.999999)
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
	void entriesAreSharedWithTheBlockingPathInBothDirections() {
		assertThat(this.products.retrieve(1).join()).isNull();
		this.products.put(1, "blocking");
		assertThat(((Cache.ValueWrapper) this.products.retrieve(1).join()).get()).isEqualTo("blocking");
		assertThat(this.products.retrieve(2, () -> CompletableFuture.completedFuture("async")).join())
			.isEqualTo("async");
		assertThat(this.products.get(2, String.class)).isEqualTo("async");
		String stored = this.node.call((commands) -> commands.get("products::2"));
		assertThat(stored).startsWith("[\"~\",").endsWith(",\"async\"]");
		assertThat(this.node.<Long>call((commands) -> commands.pttl("products::2"))).isPositive();
	}

	@Test
	void concurrentMissesOfOneKeyShareOneLoad() {
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> load = new CompletableFuture<>();
		List<CompletableFuture<String>> callers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			callers.add(this.products.retrieve(3, () -> {
				loads.incrementAndGet();
				return load;
			}));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
		load.complete("once");
		assertThat(callers).allSatisfy((caller) -> assertThat(caller.join()).isEqualTo("once"));
		assertThat(loads).hasValue(1);
		assertThat(this.products.retrieve(3, () -> CompletableFuture.completedFuture("again")).join())
			.isEqualTo("once");
	}

	@Test
	void concurrentMissesInTwoInstancesShareOneLoadThroughTheLeaseWithoutAWaitingThread() {
		ResilientRedisCacheManager otherInstance = newManager();
		try {
			AtomicInteger loads = new AtomicInteger();
			CompletableFuture<String> slowLoad = new CompletableFuture<>();
			CompletableFuture<String> first = this.products.retrieve(8, () -> {
				loads.incrementAndGet();
				return slowLoad;
			});
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.node.<Long>call((commands) -> commands.exists("{products::8}~lease")) == 1);
			CompletableFuture<String> second = otherInstance.getCache("products").retrieve(8, () -> {
				loads.incrementAndGet();
				return CompletableFuture.completedFuture("second instance");
			});
			slowLoad.complete("first instance");
			assertThat(first.join()).isEqualTo("first instance");
			assertThat(second.join()).as("served from Redis once the lease holder stored it")
				.isEqualTo("first instance");
			assertThat(loads).hasValue(1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.node.<Long>call((commands) -> commands.exists("{products::8}~lease")) == 0);
		}
		finally {
			otherInstance.destroy();
		}
	}

	@Test
	void aFailedLoadFailsEverySharerAndIsNotStored() {
		CompletableFuture<String> load = new CompletableFuture<>();
		CompletableFuture<String> first = this.products.retrieve(4, () -> load);
		CompletableFuture<String> second = this.products.retrieve(4, () -> load);
		load.completeExceptionally(new IllegalStateException("database down"));
		for (CompletableFuture<String> caller : List.of(first, second)) {
			assertThatExceptionOfType(CompletionException.class).isThrownBy(caller::join)
				.withRootCauseInstanceOf(IllegalStateException.class);
		}
		assertThat(this.node.<Long>call((commands) -> commands.exists("products::4"))).isZero();
		assertThat(this.products.retrieve(4, () -> CompletableFuture.completedFuture("next")).join()).isEqualTo("next");
	}

	@Test
	void anUnreachableRedisIsAMissAndTheLoadedValueIsReturned() {
		this.products.put(5, "cached");
		this.guard.up(false);
		assertThat(this.products.retrieve(5).join()).isNull();
		assertThat(this.products.retrieve(5, () -> CompletableFuture.completedFuture("loaded")).join())
			.isEqualTo("loaded");
		assertThat(this.manager.pendingInvalidations().size()).as("a fill after a load is not remembered").isZero();
	}

	@Test
	void anUnreadableEntryIsAMissAndIsEvictedInTheBackground() {
		this.node.call((commands) -> commands.set("products::6", "[\"~\",1,1,{not json"));
		assertThat(this.products.retrieve(6).join()).isNull();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.node.<Long>call((commands) -> commands.exists("products::6")) == 0);
	}

	@Test
	void anEntryCloseToItsExpiryIsServedWhileOneCallerRefreshesIt() {
		this.products.retrieve(7, () -> CompletableFuture.completedFuture("first")).join();
		this.now.addAndGet(Duration.ofMinutes(10).minusMillis(5).toMillis());
		AtomicInteger loads = new AtomicInteger();
		CompletableFuture<String> refresh = new CompletableFuture<>();
		CompletableFuture<String> served = this.products.retrieve(7, () -> {
			loads.incrementAndGet();
			return refresh;
		});
		assertThat(served.join()).as("the current value, at once").isEqualTo("first");
		refresh.complete("second");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> String.valueOf(this.node.<String>call((commands) -> commands.get("products::7")))
				.endsWith(",\"second\"]"));
		assertThat(loads).hasValue(1);
	}

	@Test
	void aClearOnAThreadThatMustNotBlockReturnsAtOnceAndRunsInTheBackground() throws Exception {
		this.products.put(1, "one");
		this.products.put(2, "two");
		DefaultEventLoop eventLoop = new DefaultEventLoop();
		this.node.suspend();
		try {
			// A blocking clear would wait for the frozen server; on an event loop it is
			// handed to the background and reads miss until it has run.
			eventLoop.submit(() -> this.products.clear()).get(5, TimeUnit.SECONDS);
			assertThat(this.products.get(1)).isNull();
		}
		finally {
			this.node.resume();
			eventLoop.shutdownGracefully();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.node.keys("products::*").isEmpty());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.manager.pendingInvalidations().size() == 0);
		this.products.put(3, "three");
		assertThat(this.products.get(3, String.class)).isEqualTo("three");
	}

	@Test
	void aStreamOfEvictionsFromAnEventLoopDrainsWithoutTurningIntoAClear() throws Exception {
		ResilientRedisCacheManager bounded = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.cache("products", CacheSpec.DEFAULTS.withTtl(Duration.ofMinutes(10)))
			.maxPendingEvictionsPerCache(1000)
			.build();
		bounded.afterPropertiesSet();
		DefaultEventLoop eventLoop = new DefaultEventLoop();
		try {
			Cache cache = bounded.getCache("products");
			for (int i = 0; i < 100; i++) {
				cache.put("bystander-" + i, "kept");
			}
			// 2,000 evictions a second for 3 s (-Devictions.seconds=60 for the long
			// run), each handed to the background by the event loop: many times the
			// bound, which a replay that never forgets turns into a clear of the cache.
			int seconds = Integer.getInteger("evictions.seconds", 3);
			long start = System.nanoTime();
			for (int second = 0; second < seconds; second++) {
				for (int batch = 0; batch < 20; batch++) {
					int offset = second * 2000 + batch * 100;
					eventLoop.submit(() -> {
						for (int i = 0; i < 100; i++) {
							cache.evict("evicted-" + (offset + i));
						}
					}).get(5, TimeUnit.SECONDS);
					long due = start + TimeUnit.MILLISECONDS.toNanos(second * 1000L + (batch + 1) * 50L);
					await().pollInterval(Duration.ofMillis(5)).until(() -> System.nanoTime() >= due);
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> bounded.pendingInvalidations().size() == 0);
			assertThat(this.node.keys("products::bystander-*")).as("no clear of the cache").hasSize(100);
		}
		finally {
			eventLoop.shutdownGracefully();
			bounded.destroy();
		}
	}

}
