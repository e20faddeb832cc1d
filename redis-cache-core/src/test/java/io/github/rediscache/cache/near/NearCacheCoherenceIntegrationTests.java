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
package io.github.rediscache.cache.near;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.testing.ConnectionFactories;
import io.lettuce.core.protocol.ProtocolVersion;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Near caches whose coherence does not depend on luck: a server that restarts (and hands
 * out client ids from 1 again), and connections on which tracking cannot work (RESP2, an
 * ACL that refuses {@code CLIENT}), against real Redis.
 */
class NearCacheCoherenceIntegrationTests {

	private static final String USER_WITHOUT_CLIENT = "user no-client on >no-client-secret ~* &* +@all -client";

	private static final String USER_WITHOUT_INFO = "user no-info on >no-info-secret ~* &* +@all -info";

	/**
	 * A check interval longer than a restart takes, so that a reconnected connection is
	 * back (with its id) before the next check: only its flags tell that it tracks
	 * nothing.
	 */
	private static final Duration CHECK_INTERVAL = Duration.ofMillis(400);

	/** What the docs promise: check interval plus command timeout. */
	private static final Duration BOUND = CHECK_INTERVAL.plus(NearCacheInstances.COMMAND_TIMEOUT);

	@Nested
	@EmbeddedRedis
	class Restarts {

		/**
		 * Restarts in a row: 20, or fewer where the build says so (the Spring Boot 4 leg
		 * runs these core tests again, within the suite's time budget).
		 */
		private final int restarts = Integer.getInteger("near-cache.restarts", 20);

		@Test
		void serverRestartsInARowNeverServeAValueOlderThanTheBound(RedisDeployment redis) throws Exception {
			RedisNode node = redis.nodes().get(0);
			List<String> violations = new ArrayList<>();
			long worstLag = 0;
			try (NearCacheInstances instances = new NearCacheInstances(redis, ConnectionFactories.hardenedFor(redis),
					CHECK_INTERVAL)) {
				Cache reader = instances.second.getCache("products");
				for (int restart = 1; restart <= this.restarts; restart++) {
					String before = "before-" + restart;
					String after = "after-" + restart;
					node.call((commands) -> commands.set("products::k", entry(before)));
					await("restart " + restart + ": the reader holds the value written before it")
						.atMost(Duration.ofSeconds(10))
						.until(() -> before.equals(reader.get("k", String.class))
								&& instances.redisGets(() -> reader.get("k")) == 0);
					node.restart();
					node.call((commands) -> commands.set("products::k", entry(after)));
					long acknowledged = System.nanoTime();
					worstLag = Math.max(worstLag,
							readUntilNewAndBound(reader, before, after, acknowledged, violations));
				}
			}
			System.out.println(this.restarts + " restarts: worst lag from an acknowledged write to the new value read "
					+ TimeUnit.NANOSECONDS.toMillis(worstLag) + " ms (bound " + BOUND.toMillis() + " ms)");
			assertThat(violations).isEmpty();
		}

	}

	@Nested
	@EmbeddedRedis
	class Flushes {

		/**
		 * Readers fill a near cache while another client rewrites its keys (each rewrite
		 * an invalidation, so fills are always under way) until a {@code FLUSHALL}: once
		 * the bound has passed, no key may still be served, since Redis has none.
		 */
		@Test
		void aFlushAllDuringFillsLeavesNoPreFlushValueBehind(RedisDeployment redis) throws Exception {
			RedisNode node = redis.nodes().get(0);
			List<String> keys = IntStream.range(0, 50).mapToObj((i) -> "f" + i).toList();
			try (NearCacheInstances instances = new NearCacheInstances(redis)) {
				Cache reader = instances.second.getCache("products");
				ExecutorService threads = Executors.newFixedThreadPool(3);
				try {
					for (int round = 1; round <= 10; round++) {
						String value = "v" + round;
						keys.forEach((key) -> node.call((commands) -> commands.set("products::" + key, entry(value))));
						AtomicBoolean rewriting = new AtomicBoolean(true);
						AtomicBoolean reading = new AtomicBoolean(true);
						AtomicInteger reads = new AtomicInteger();
						List<Future<?>> readers = new ArrayList<>();
						for (int t = 0; t < 2; t++) {
							readers.add(threads.submit(() -> {
								while (reading.get()) {
									reader.get(keys.get(ThreadLocalRandom.current().nextInt(keys.size())));
									reads.incrementAndGet();
								}
							}));
						}
						// The rewriter's last command is the flush, so no write comes
						// after it.
						Future<Long> rewriter = threads.submit(() -> {
							while (rewriting.get()) {
								String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
								node.call((commands) -> commands.set("products::" + key, entry(value)));
							}
							node.call((commands) -> commands.flushall());
							return System.nanoTime();
						});
						await().until(() -> reads.get() > 2000);
						rewriting.set(false);
						long flushed = rewriter.get(10, TimeUnit.SECONDS);
						reading.set(false);
						for (Future<?> task : readers) {
							task.get(10, TimeUnit.SECONDS);
						}
						// No write follows the flush: after the bound, every key reads as
						// absent.
						await().until(() -> System.nanoTime() > flushed + BOUND.toNanos());
						int round0 = round;
						assertThat(keys).as("round %d", round0)
							.allSatisfy((key) -> assertThat(reader.get(key)).as(key).isNull());
					}
				}
				finally {
					threads.shutdownNow();
				}
			}
		}

	}

	@Nested
	@EmbeddedRedis(configuration = { USER_WITHOUT_CLIENT, USER_WITHOUT_INFO })
	class UntrackableConnections {

		@Test
		void onRespTwoKeysAreReadFromRedisWithOneWarningAndNoFailure(RedisDeployment redis) throws Exception {
			readsGoToRedis(redis, ConnectionFactories.hardenedFor(redis, ProtocolVersion.RESP2, null, null), "RESP2");
		}

		@Test
		void underAnAclWithoutClientKeysAreReadFromRedisWithOneWarningAndNoFailure(RedisDeployment redis)
				throws Exception {
			readsGoToRedis(redis,
					ConnectionFactories.hardenedFor(redis, ProtocolVersion.RESP3, "no-client", "no-client-secret"),
					"+client|tracking");
		}

		@Test
		void underAnAclWithoutInfoTheNearCacheServesHitsAndSeesWrites(RedisDeployment redis) throws Exception {
			LettuceConnectionFactory factory = ConnectionFactories.hardenedFor(redis, ProtocolVersion.RESP3, "no-info",
					"no-info-secret");
			try (NearCacheInstances instances = new NearCacheInstances(redis, factory)) {
				Cache writer = instances.first.getCache("products");
				Cache reader = instances.second.getCache("products");
				writer.put("k", "v1");
				assertThat(reader.get("k", String.class)).isEqualTo("v1");
				// INFO only feeds a gauge: refused, it must not distrust the node at
				// every check, which would drop what the near cache holds.
				long checks = 5 * NearCacheInstances.CHECK_INTERVAL.toNanos();
				long until = System.nanoTime() + checks;
				await().until(() -> System.nanoTime() > until);
				assertThat(instances.redisGets(() -> assertThat(reader.get("k", String.class)).isEqualTo("v1")))
					.as("served in-process after several checks")
					.isZero();
				writer.put("k", "v2");
				await().atMost(BOUND).until(() -> "v2".equals(reader.get("k", String.class)));
			}
		}

		private void readsGoToRedis(RedisDeployment redis, LettuceConnectionFactory factory, String reason)
				throws Exception {
			ListAppender<ILoggingEvent> warnings = new ListAppender<>();
			Logger logger = (Logger) LoggerFactory.getLogger(TrackedNode.class);
			logger.addAppender(warnings);
			warnings.start();
			try (NearCacheInstances instances = new NearCacheInstances(redis, factory)) {
				Cache writer = instances.first.getCache("products");
				Cache reader = instances.second.getCache("products");
				for (int i = 0; i < 50; i++) {
					writer.put("k", "v" + i);
					assertThat(reader.get("k", String.class)).as("a write is seen at once").isEqualTo("v" + i);
				}
				assertThat(instances.redisGets(() -> reader.get("k"))).as("read from Redis").isEqualTo(1);
				assertThat(instances.meters.get(MicrometerCacheEventListener.NEAR_GETS)
					.tag("cache", "products")
					.tag("result", "hit")
					.functionCounter()
					.count()).as("near hits").isZero();
				assertThat(instances.meters.find(MicrometerCacheEventListener.FALLBACKS).counters())
					.allSatisfy((fallbacks) -> assertThat(fallbacks.count()).as(fallbacks.getId().toString()).isZero());
			}
			finally {
				logger.detachAppender(warnings);
			}
			assertThat(warnings.list).singleElement()
				.satisfies((warning) -> assertThat(warning.getFormattedMessage()).contains(reason)
					.contains("read from Redis as without a near cache"));
		}

	}

	/**
	 * Read a key until it returns the value written after the fault and then for the
	 * bound longer, recording every read that started more than the bound after the write
	 * was acknowledged and still returned the value it replaced.
	 * @return how long after the acknowledgement the new value was first read
	 */
	private static long readUntilNewAndBound(Cache reader, String before, String after, long acknowledged,
			List<String> violations) {
		long seen = 0;
		long deadline = acknowledged + TimeUnit.SECONDS.toNanos(10);
		long bound = BOUND.toNanos();
		while (System.nanoTime() < deadline) {
			long start = System.nanoTime();
			String value = reader.get("k", String.class);
			if (before.equals(value) && start > acknowledged + bound) {
				violations.add("read " + before + " " + TimeUnit.NANOSECONDS.toMillis(start - acknowledged)
						+ " ms after " + after + " was acknowledged");
			}
			if (after.equals(value) && seen == 0) {
				seen = start;
			}
			if (seen != 0 && start > Math.max(seen, acknowledged + bound)) {
				return seen - acknowledged;
			}
		}
		violations.add(after + " not read within 10 s");
		return deadline - acknowledged;
	}

	private static String entry(@Nullable String value) {
		return "[\"~\",1,0,\"" + value + "\"]";
	}

}
