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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.rediscache.testing.TcpForwarder;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.lang.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Near caches against real Redis: two managers stand for two instances of an application;
 * entries are served in-process and dropped when Redis says they changed.
 */
class NearCacheIntegrationTests {

	private static final Duration BOUND = Duration.ofSeconds(1);

	/** The check interval (100 ms) plus the command timeout (500 ms), with room. */
	private static final Duration PARTITION_BOUND = Duration.ofMillis(1500);

	/** What the docs promise: the check interval plus the command timeout. */
	private static final Duration PROMISED_BOUND = NearCacheInstances.CHECK_INTERVAL
		.plus(NearCacheInstances.COMMAND_TIMEOUT);

	@Nested
	@EmbeddedRedis
	class Standalone {

		private final NearCacheInstances instances;

		Standalone(RedisDeployment redis) {
			this.instances = new NearCacheInstances(redis);
		}

		@AfterEach
		void stop() {
			this.instances.close();
		}

		@Test
		void aHitIsServedInProcessAndAWriteThroughAnotherInstanceDropsIt() throws Exception {
			this.instances.hitsInProcessAndWritesElsewhereInvalidate("product-1");
		}

		@Test
		void nearHitsAreGetsAndHitsOfTheCachesStatistics() throws Exception {
			RedisCache reader = (RedisCache) this.instances.second.getCache("products");
			this.instances.first.getCache("products").put("k", "v");
			reader.clearStatistics();
			assertThat(reader.get("k", () -> "loaded")).isEqualTo("v");
			assertThat(this.instances.redisGets(() -> {
				for (int i = 0; i < 10; i++) {
					assertThat(reader.get("k", String.class)).isEqualTo("v");
					assertThat(reader.get("k", () -> "loaded")).isEqualTo("v");
				}
			})).as("served in-process").isZero();
			CacheStatistics statistics = reader.getStatistics();
			assertThat(statistics.getGets()).isEqualTo(21);
			assertThat(statistics.getHits()).isEqualTo(21);
			assertThat(statistics.getMisses()).isZero();
			reader.clearStatistics();
			assertThat(reader.getStatistics().getHits()).isZero();
		}

		@Test
		void entriesEvictedForSizeAreNotServedOnceTheyChange() {
			Cache writer = this.instances.first.getCache("small");
			Cache reader = this.instances.second.getCache("small");
			List<String> keys = IntStream.range(0, 20).mapToObj((i) -> "k" + i).toList();
			keys.forEach((key) -> writer.put(key, "v1"));
			for (int pass = 0; pass < 3; pass++) {
				keys.forEach((key) -> assertThat(reader.get(key, String.class)).isEqualTo("v1"));
			}
			keys.forEach((key) -> writer.put(key, "v2"));
			await().atMost(BOUND)
				.untilAsserted(() -> assertThat(keys)
					.allSatisfy((key) -> assertThat(reader.get(key, String.class)).as(key).isEqualTo("v2")));
		}

		@Test
		void concurrentMissesOfAHotKeyShareOneRedisReadAndHitsAreMetered() throws Exception {
			this.instances.first.getCache("products").put("hot", "v");
			Cache reader = this.instances.second.getCache("products");
			int threads = 16;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				CountDownLatch start = new CountDownLatch(1);
				long reads = this.instances.redisGets(() -> {
					List<Future<String>> results = new ArrayList<>();
					for (int i = 0; i < threads; i++) {
						results.add(pool.submit(() -> {
							start.await();
							return reader.get("hot", String.class);
						}));
					}
					start.countDown();
					for (Future<String> result : results) {
						assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");
					}
				});
				assertThat(reads).as("one read for 16 concurrent misses").isOne();
			}
			finally {
				pool.shutdownNow();
			}
			reader.get("hot");
			assertThat(this.instances.meters.get(MicrometerCacheEventListener.NEAR_GETS)
				.tag("cache", "products")
				.tag("result", "hit")
				.functionCounter()
				.count()).isPositive();
			assertThat(this.instances.meters.get(MicrometerCacheEventListener.NEAR_GETS)
				.tag("cache", "products")
				.tag("result", "miss")
				.functionCounter()
				.count()).isPositive();
			assertThat(this.instances.meters.get(MicrometerCacheEventListener.NEAR_SIZE)
				.tag("cache", "products")
				.gauge()
				.value()).isOne();
		}

		@Test
		void aCacheOfImmutableValuesSharesOneDecodedInstanceUntilTheEntryChanges() throws Exception {
			Cache writer = this.instances.first.getCache("immutable");
			Cache reader = this.instances.second.getCache("immutable");
			writer.put("k", new String("v1"));
			String first = reader.get("k", String.class);
			String second = reader.get("k", String.class);
			assertThat(second).isEqualTo("v1").isSameAs(first);
			assertThat(this.instances.redisGets(() -> reader.get("k"))).isZero();
			writer.put("k", new String("v2"));
			await().atMost(BOUND).until(() -> "v2".equals(reader.get("k", String.class)));
			assertThat(reader.get("k", String.class)).isSameAs(reader.get("k", String.class));
		}

		@Test
		void twoViewsOfACacheOfImmutableValuesEachShareTheirOwnInstanceInProcessUntilTheEntryChanges()
				throws Exception {
			Cache writer = this.instances.first.getCache("immutable");
			Cache untyped = this.instances.second.getCache("immutable");
			Cache typed = this.instances.second.getCache("immutable", String.class);
			writer.put("k", new String("v1"));
			// The first view's entry keeps its decoded instance; the second reads again.
			assertThat(untyped.get("k", String.class)).isEqualTo("v1");
			assertThat(typed.get("k", String.class)).isEqualTo("v1");
			await().atMost(BOUND).until(() -> this.instances.redisGets(() -> {
				assertThat(untyped.get("k", String.class)).isEqualTo("v1");
				assertThat(typed.get("k", String.class)).isEqualTo("v1");
			}) == 0);
			assertThat(untyped.get("k", String.class)).isSameAs(untyped.get("k", String.class));
			assertThat(typed.get("k", String.class)).isSameAs(typed.get("k", String.class));
			writer.put("k", new String("v2"));
			await().atMost(BOUND)
				.until(() -> "v2".equals(untyped.get("k", String.class)) && "v2".equals(typed.get("k", String.class)));
		}

		@Test
		void anAsynchronousReadIsServedInProcessOnceABlockingReadFilledTheNearCache() throws Exception {
			this.instances.first.getCache("products").put("a", "v");
			Cache reader = this.instances.second.getCache("products");
			assertThat(reader.get("a", String.class)).isEqualTo("v");
			long reads = this.instances.redisGets(() -> {
				Object read = reader.retrieve("a").get(5, TimeUnit.SECONDS);
				assertThat(((Cache.ValueWrapper) read).get()).isEqualTo("v");
			});
			assertThat(reads).isZero();
		}

		@Test
		void aStoppedManagerReadsFromRedisAndItsNearCacheFillsAgainOnceStarted() throws Exception {
			this.instances.first.getCache("products").put("k", "v");
			Cache reader = this.instances.second.getCache("products");
			assertThat(reader.get("k", String.class)).isEqualTo("v");
			this.instances.second.stop();
			assertThat(this.instances.second.isRunning()).isFalse();
			assertThat(this.instances.redisGets(() -> assertThat(reader.get("k", String.class)).isEqualTo("v")))
				.as("read from Redis while stopped")
				.isOne();
			assertThat(this.instances.redisGets(() -> assertThat(reader.get("k", String.class)).isEqualTo("v")))
				.as("nothing filled while stopped")
				.isOne();
			this.instances.second.start();
			assertThat(reader.get("k", String.class)).isEqualTo("v");
			await().atMost(BOUND).until(() -> this.instances.redisGets(() -> reader.get("k")) == 0);
			this.instances.first.getCache("products").put("k", "v2");
			await().atMost(BOUND).until(() -> "v2".equals(reader.get("k", String.class)));
		}

		@Test
		void asynchronousReadsAloneFillTheNearCacheAndSeeWritesElsewhere() throws Exception {
			Cache writer = this.instances.first.getCache("products");
			Cache reader = this.instances.second.getCache("products");
			writer.put("a", "v1");
			assertThat(retrieved(reader, "a")).isEqualTo("v1");
			await().atMost(BOUND).until(() -> this.instances.redisGets(() -> retrieved(reader, "a")) == 0);
			assertThat(this.instances.redisGets(() -> {
				for (int i = 0; i < 20; i++) {
					assertThat(retrieved(reader, "a")).isEqualTo("v1");
				}
			})).as("served in-process").isZero();
			writer.put("a", "v2");
			await().atMost(BOUND).until(() -> "v2".equals(retrieved(reader, "a")));
			assertThat(this.instances.redisGets(() -> retrieved(reader, "a"))).as("filled again").isZero();
			writer.evict("a");
			await().atMost(BOUND).until(() -> retrieved(reader, "a") == null);
		}

		@Test
		void concurrentAsynchronousMissesOfAHotKeyShareOneRedisRead() throws Exception {
			Cache writer = this.instances.first.getCache("products");
			Cache reader = this.instances.second.getCache("products");
			writer.put("hot", "v1");
			await().atMost(BOUND).until(() -> this.instances.redisGets(() -> retrieved(reader, "hot")) == 0);
			writer.put("hot", "v2");
			await().atMost(BOUND).until(() -> this.instances.redisGets(() -> {
				// Issued together: the first leads the tracked read, the others share it.
				List<CompletableFuture<?>> reads = IntStream.range(0, 20)
					.mapToObj((i) -> reader.retrieve("hot"))
					.collect(Collectors.toList());
				CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
				assertThat(reads)
					.allSatisfy((read) -> assertThat(((Cache.ValueWrapper) read.join()).get()).isIn("v1", "v2"));
			}) == 1 && "v2".equals(retrieved(reader, "hot")));
		}

		@Test
		void aFlushAllDropsEveryEntry() {
			Cache writer = this.instances.first.getCache("products");
			Cache reader = this.instances.second.getCache("products");
			writer.put("a", "1");
			writer.put("b", "2");
			assertThat(reader.get("a", String.class)).isEqualTo("1");
			assertThat(reader.get("b", String.class)).isEqualTo("2");
			this.instances.redis.nodes().get(0).call((commands) -> commands.flushall());
			await().atMost(BOUND).until(() -> reader.get("a") == null && reader.get("b") == null);
		}

		@Test
		void aCallerThatChangesAReturnedObjectNeverChangesWhatTheNextCallerGets() throws Exception {
			this.instances.first.getCache("products").put("list", new ArrayList<>(List.of("a", "b")));
			Cache reader = this.instances.second.getCache("products");
			@SuppressWarnings("unchecked")
			List<String> first = reader.get("list", List.class);
			first.add("changed by a caller");
			assertThat(reader.get("list", List.class)).containsExactly("a", "b").isNotSameAs(first);
			assertThat(this.instances.redisGets(() -> reader.get("list"))).as("served in-process").isZero();
		}

		@Test
		void callersOfAMutableValueCacheThatShareOneLoadEachGetAnInstanceOfTheirOwn() throws Exception {
			Cache reader = this.instances.second.getCache("products");
			CountDownLatch release = new CountDownLatch(1);
			List<Thread> callers = new ArrayList<>();
			List<Object> results = Collections.synchronizedList(new ArrayList<>());
			for (int i = 0; i < 4; i++) {
				Thread caller = new Thread(() -> results.add(reader.get("shared", () -> {
					release.await();
					return new ArrayList<>(List.of("a", "b"));
				})));
				callers.add(caller);
				caller.start();
			}
			// Every caller is waiting: one in the loader, the others for its load.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> callers.stream()
					.allMatch((caller) -> caller.getState() == Thread.State.WAITING
							|| caller.getState() == Thread.State.TIMED_WAITING));
			release.countDown();
			for (Thread caller : callers) {
				caller.join(5000);
			}
			assertThat(results).hasSize(4).allSatisfy((result) -> assertThat(result).isEqualTo(List.of("a", "b")));
			assertThat(results.stream().map(System::identityHashCode).distinct()).as("distinct instances").hasSize(4);
		}

		@Test
		void anEntryIsNotServedPastItsRedisExpiry() {
			Cache shortLived = this.instances.second.getCache("short-lived");
			this.instances.first.getCache("short-lived").put("k", "v");
			assertThat(shortLived.get("k", String.class)).isEqualTo("v");
			await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.get("k") == null);
		}

		@Test
		void aPartitionedInstanceStopsServingItsEntriesWithinTheBoundAndSeesWritesOnceHealed(RedisDeployment redis)
				throws Exception {
			withPartitionableReader(redis, (link, partitioned, writer, reader) -> {
				assertThat(reader.get("k", String.class)).isEqualTo("before");
				link.pause();
				writer.put("k", "after");
				// No invalidation can reach the reader: the check drops what it holds
				// once its tracking connection stops answering (check interval plus
				// command timeout), and its reads miss until the link heals.
				await().atMost(PARTITION_BOUND).until(() -> reader.get("k") == null);
				assertThat(reader.get("k")).isNull();
				link.resume();
				await().atMost(PARTITION_BOUND.multipliedBy(10))
					.until(() -> "after".equals(reader.get("k", String.class)));
			});
		}

		@Test
		void underAsynchronousLoadAPartitionedInstanceStopsServingItsEntriesWithinTheBoundAndCallersNeverFail(
				RedisDeployment redis) throws Exception {
			ExecutorService callers = Executors.newFixedThreadPool(4);
			try {
				withPartitionableReader(redis, (link, partitioned, writer, reader) -> {
					await().atMost(BOUND).until(() -> partitioned.redisGets(() -> retrieved(reader, "k")) == 0);
					AtomicBoolean running = new AtomicBoolean(true);
					List<Future<Long>> slowest = new ArrayList<>();
					// When the latest read that returned the replaced value started
					// (streaming
					// a list the callers add to raced them).
					AtomicLong latestOldRead = new AtomicLong(Long.MIN_VALUE);
					for (int i = 0; i < 4; i++) {
						slowest.add(callers.submit(() -> {
							// Full speed until the test ends; a failed read fails the
							// caller.
							long worst = 0;
							while (running.get()) {
								long start = System.nanoTime();
								Cache.ValueWrapper read = (Cache.ValueWrapper) reader.retrieve("k")
									.get(5, TimeUnit.SECONDS);
								worst = Math.max(worst, System.nanoTime() - start);
								if (read != null && "before".equals(read.get())) {
									latestOldRead.accumulateAndGet(start, Math::max);
								}
							}
							return worst;
						}));
					}
					await().atMost(Duration.ofSeconds(20))
						.until(() -> partitioned.meters.get(MicrometerCacheEventListener.NEAR_GETS)
							.tag("cache", "products")
							.tag("result", "hit")
							.functionCounter()
							.count() > 500_000);
					link.pause();
					writer.put("k", "after");
					long acknowledged = System.nanoTime();
					// Entries are served for at most check interval + command timeout
					// after the write, though no invalidation can reach the reader.
					await().atMost(PARTITION_BOUND)
						.until(() -> System.nanoTime() > acknowledged + PROMISED_BOUND.toNanos()
								&& latestOldRead.get() <= acknowledged + PROMISED_BOUND.toNanos());
					link.resume();
					await().atMost(PARTITION_BOUND.multipliedBy(10))
						.until(() -> "after".equals(retrieved(reader, "k")));
					running.set(false);
					assertThat(latestOldRead.get()).as("the latest read of the replaced value started within the bound")
						.isLessThanOrEqualTo(acknowledged + PROMISED_BOUND.toNanos());
					for (Future<Long> caller : slowest) {
						// One read waits at most the command timeout (500 ms) for Redis.
						assertThat(Duration.ofNanos(caller.get(10, TimeUnit.SECONDS)))
							.isLessThan(Duration.ofSeconds(2));
					}
				});
			}
			finally {
				callers.shutdownNow();
			}
		}

		/**
		 * Run a test with two instances of which the second (the reader) reaches Redis
		 * through a link that can be paused, the writer having put {@code k}.
		 */
		private void withPartitionableReader(RedisDeployment redis, PartitionTest test) throws Exception {
			RedisNode node = redis.nodes().get(0);
			try (TcpForwarder link = TcpForwarder.to(node.host(), node.port());
					NearCacheInstances partitioned = new NearCacheInstances(redis,
							ConnectionFactories.hardenedFor(node.host(), link.port()))) {
				Cache writer = partitioned.first.getCache("products");
				writer.put("k", "before");
				test.run(link, partitioned, writer, partitioned.second.getCache("products"));
			}
		}

		@Test
		void aHungServerStopsServingEntriesWithinTheBound(RedisDeployment redis) {
			Cache reader = this.instances.second.getCache("products");
			this.instances.first.getCache("products").put("k", "v");
			assertThat(reader.get("k", String.class)).isEqualTo("v");
			RedisNode node = redis.nodes().get(0);
			node.suspend();
			try {
				await().atMost(PARTITION_BOUND).until(() -> reader.get("k") == null);
			}
			finally {
				node.resume();
			}
			await().atMost(PARTITION_BOUND.multipliedBy(10)).until(() -> "v".equals(reader.get("k", String.class)));
		}

		@Test
		void keysTheServerStopsTrackingAreDropped(RedisDeployment redis) {
			RedisNode node = redis.nodes().get(0);
			node.call((commands) -> commands.configSet("tracking-table-max-keys", "5"));
			try {
				Cache writer = this.instances.first.getCache("products");
				Cache reader = this.instances.second.getCache("products");
				List<String> keys = IntStream.range(0, 20).mapToObj((i) -> "t" + i).toList();
				keys.forEach((key) -> writer.put(key, "v1"));
				keys.forEach((key) -> assertThat(reader.get(key, String.class)).isEqualTo("v1"));
				await().atMost(BOUND)
					.untilAsserted(() -> assertThat(
							this.instances.meters.get(MicrometerCacheEventListener.NEAR_SERVER_TRACKED_KEYS)
								.gauge()
								.value())
						.isBetween(1.0, 5.0));
				// The server forgot all but 5 of them, telling the reader so; a write to
				// a forgotten key tells nobody, so the reader must not hold it.
				keys.forEach((key) -> node.call((commands) -> commands.set("products::" + key, "[\"~\",1,0,\"v2\"]")));
				await().atMost(BOUND)
					.untilAsserted(() -> assertThat(keys)
						.allSatisfy((key) -> assertThat(reader.get(key, String.class)).as(key).isEqualTo("v2")));
			}
			finally {
				node.call((commands) -> commands.configSet("tracking-table-max-keys", "0"));
			}
		}

		@Test
		void aTrackingConnectionThatWasReestablishedHasItsEntriesDroppedByTheCheck() {
			Cache reader = this.instances.second.getCache("products");
			this.instances.first.getCache("products").put("k", "old");
			assertThat(reader.get("k", String.class)).isEqualTo("old");
			RedisNode node = this.instances.redis.nodes().get(0);
			// Every normal connection is dropped; Lettuce reconnects the tracking
			// connection, but the new connection tracks nothing, so no invalidation
			// comes for a write.
			node.call((commands) -> commands.clientKill(KillArgs.Builder.typeNormal()));
			node.call((commands) -> commands.set("products::k", "[\"~\",1,0,\"new\"]"));
			await().atMost(BOUND.multipliedBy(3)).until(() -> "new".equals(reader.get("k", String.class)));
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER)
	class Cluster {

		private final NearCacheInstances instances;

		Cluster(RedisDeployment redis) {
			this.instances = new NearCacheInstances(redis);
		}

		@AfterEach
		void stop() {
			this.instances.close();
		}

		@Test
		void aHitIsServedInProcessAndAWriteThroughAnotherInstanceDropsItOnEveryShard() throws Exception {
			for (int i = 0; i < 9; i++) {
				this.instances.hitsInProcessAndWritesElsewhereInvalidate("product-" + i);
			}
		}

		/**
		 * Readers and a writer run for seconds while connections are killed (tracking is
		 * lost on reconnect) and nodes pause their clients. Invariant: no read returns a
		 * value that a write (or delete) acknowledged more than the bound before the read
		 * started had replaced.
		 */
		@Test
		void underChaosNoReadReturnsAValueReplacedMoreThanTheBoundBeforeItStarted(RedisDeployment redis)
				throws Exception {
			Cache reader = this.instances.second.getCache("products");
			List<String> keys = IntStream.range(0, 20).mapToObj((i) -> "chaos-" + i).toList();
			Map<String, List<long[]>> writes = new ConcurrentHashMap<>();
			List<long[]> reads = Collections.synchronizedList(new ArrayList<>());
			AtomicBoolean running = new AtomicBoolean(true);
			RedisNode seed = redis.nodes().get(0);
			RedisClusterClient client = RedisClusterClient.create(RedisURI.create(seed.host(), seed.port()));
			ExecutorService pool = Executors.newFixedThreadPool(3);
			try (StatefulRedisClusterConnection<String, String> raw = client.connect()) {
				List<Future<?>> tasks = new ArrayList<>();
				tasks.add(pool.submit(() -> write(raw, keys, writes, running)));
				for (int r = 0; r < 2; r++) {
					tasks.add(pool.submit(() -> read(reader, keys, reads, running)));
				}
				for (int round = 0; round < 12; round++) {
					RedisNode node = redis.nodes().get(round % redis.nodes().size());
					if (round % 2 == 0) {
						node.call((commands) -> commands.clientKill(KillArgs.Builder.typeNormal()));
					}
					else {
						node.pauseClients(Duration.ofMillis(300));
					}
					// Let traffic run between faults.
					int before = reads.size();
					await().atMost(Duration.ofSeconds(10)).until(() -> reads.size() >= before + 500);
				}
				running.set(false);
				for (Future<?> task : tasks) {
					task.get(10, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdownNow();
				client.shutdown();
			}
			long bound = PARTITION_BOUND.toNanos();
			List<String> violations = new ArrayList<>();
			synchronized (reads) {
				for (long[] read : reads) {
					List<long[]> history = writes.get(keys.get((int) read[1]));
					// The first acknowledged write after the value read is the earliest
					// that replaced it.
					history.stream()
						.filter((write) -> write[0] > read[2])
						.findFirst()
						.filter((write) -> write[1] + bound < read[0])
						.ifPresent((write) -> violations
							.add(keys.get((int) read[1]) + ": read at " + read[0] + " returned v" + read[2]
									+ ", replaced by v" + write[0] + " acknowledged at " + write[1]));
				}
			}
			assertThat(reads).hasSizeGreaterThan(1000);
			assertThat(writes.values().stream().mapToInt(List::size).sum()).isGreaterThan(100);
			assertThat(violations).isEmpty();
			assertThat(this.instances.meters.get(MicrometerCacheEventListener.NEAR_GETS)
				.tag("cache", "products")
				.tag("result", "hit")
				.functionCounter()
				.count()).as("near hits").isGreaterThan(100);
		}

		/**
		 * Write versions of random keys (every tenth a delete) until stopped, recording
		 * the acknowledged ones.
		 */
		private static void write(StatefulRedisClusterConnection<String, String> raw, List<String> keys,
				Map<String, List<long[]>> writes, AtomicBoolean running) {
			for (long version = 1; running.get(); version++) {
				String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
				try {
					if (version % 10 == 0) {
						raw.sync().del("products::" + key);
					}
					else {
						raw.sync().set("products::" + key, "[\"~\",1,0,\"v" + version + "\"]");
					}
					writes.computeIfAbsent(key, (k) -> Collections.synchronizedList(new ArrayList<>()))
						.add(new long[] { version, System.nanoTime() });
				}
				catch (RuntimeException ex) {
					// Not acknowledged (its connection was killed): not recorded.
				}
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
			}
		}

		/**
		 * Read random keys until stopped, recording when each read started, its key and
		 * the version it returned.
		 */
		private static void read(Cache reader, List<String> keys, List<long[]> reads, AtomicBoolean running) {
			while (running.get()) {
				int key = ThreadLocalRandom.current().nextInt(keys.size());
				long start = System.nanoTime();
				String value = reader.get(keys.get(key), String.class);
				if (value != null) {
					reads.add(new long[] { start, key, Long.parseLong(value.substring(1)) });
				}
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
			}
		}

		@Test
		void anEntryWhoseSlotMovesIsDroppedAndTheNewOwnersWritesAreSeen(RedisDeployment redis) {
			Cache writer = this.instances.first.getCache("products");
			Cache reader = this.instances.second.getCache("products");
			writer.put("moving", "before");
			assertThat(reader.get("moving", String.class)).isEqualTo("before");
			int slot = SlotHash.getSlot("products::moving");
			RedisNode source = redis.primaryForSlot(slot);
			RedisNode target = redis.nodes()
				.stream()
				.filter((node) -> node != source
						&& node.call((commands) -> commands.info("replication")).contains("role:master"))
				.findFirst()
				.orElseThrow();
			redis.migrateSlot(slot, target);
			target.call((commands) -> commands.set("products::moving", "[\"~\",1,0,\"after\"]"));
			awaitNewValueNeverOld(reader, "moving", BOUND.multipliedBy(10));
			// Once the client's view of the cluster follows, the new owner fills it.
			await().atMost(BOUND.multipliedBy(10))
				.until(() -> this.instances.redisGets(() -> reader.get("moving")) == 0);
		}

	}

	@Test
	void whenAPrimaryFailsItsEntriesAreDroppedAndThePromotedReplicasWritesAreSeen() throws Exception {
		try (RedisDeployment redis = RedisDeployment.cluster()
			.primaries(3)
			.replicasPerPrimary(1)
			.clusterNodeTimeout(Duration.ofSeconds(1))
			.start(); NearCacheInstances instances = new NearCacheInstances(redis)) {
			Cache writer = instances.first.getCache("products");
			Cache reader = instances.second.getCache("products");
			writer.put("k", "before");
			assertThat(reader.get("k", String.class)).isEqualTo("before");
			RedisNode primary = redis.primaryFor("products::k");
			primary.kill();
			await().atMost(Duration.ofSeconds(15))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(redis.primaryFor("products::k")).isNotSameAs(primary));
			RedisNode promoted = redis.primaryFor("products::k");
			promoted.call((commands) -> commands.set("products::k", "[\"~\",1,0,\"after\"]"));
			// Until the reader's client follows the promotion, its reads miss (the shard
			// is down for it); none may return the entry of the failed primary.
			awaitNewValueNeverOld(reader, "k", Duration.ofSeconds(20));
			assertThat(instances.redisGets(() -> reader.get("k"))).as("served in-process again").isZero();
		}
	}

	/**
	 * Read a key until it returns "after", failing if any read returns "before" (written
	 * before "after" was).
	 */
	private static void awaitNewValueNeverOld(Cache reader, String key, Duration atMost) {
		List<String> seen = new ArrayList<>();
		await().atMost(atMost).until(() -> {
			String value = reader.get(key, String.class);
			seen.add(value);
			return "after".equals(value);
		});
		assertThat(seen).doesNotContain("before");
	}

	@Nullable
	private static Object retrieved(Cache cache, String key) throws Exception {
		Cache.ValueWrapper read = (Cache.ValueWrapper) cache.retrieve(key).get(5, TimeUnit.SECONDS);
		return (read != null) ? read.get() : null;
	}

	/**
	 * A test of a reader that can be partitioned from Redis.
	 */
	@FunctionalInterface
	private interface PartitionTest {

		void run(TcpForwarder link, NearCacheInstances instances, Cache writer, Cache reader) throws Exception;

	}

}
