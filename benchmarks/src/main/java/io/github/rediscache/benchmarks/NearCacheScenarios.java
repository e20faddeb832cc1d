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
package io.github.rediscache.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

import io.github.rediscache.cache.CacheAside;
import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.lang.Nullable;

/**
 * The near cache against what it is meant to approach and what it replaces, in one run
 * per topology: Spring's in-memory {@code ConcurrentMapCache} (the ceiling of anything
 * behind {@code @Cacheable}), a raw Lettuce GET, redis-cache without a near cache and
 * plain Spring Boot. Rounds of the flavors alternate, and each keeps its best, so that
 * the JIT and the machine's noise favor none of them.
 */
final class NearCacheScenarios {

	/**
	 * Whether the heap per entry is also printed by class
	 * ({@code -Dbench.heap-histogram}).
	 */
	private static final boolean HISTOGRAM = Boolean.getBoolean("bench.heap-histogram");

	private static final String NEAR = "redis-cache.caches.products.near.enabled=true";

	private static final String NEAR_BACKGROUND = "redis-cache.caches.background.near.enabled=true";

	private static final String IMMUTABLE = "redis-cache.caches.products.near.immutable-values=true";

	private static final int WRITES_PER_SECOND = 10_000;

	private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

	private final Scenarios scenarios;

	private final double scale;

	private final ResultTable table;

	NearCacheScenarios(Scenarios scenarios, double scale, ResultTable table) {
		this.scenarios = scenarios;
		this.scale = scale;
		this.table = table;
	}

	/**
	 * Run every near-cache scenario on a standalone server and on a 3 x 1 cluster.
	 */
	void run() throws Exception {
		try (RedisDeployment redis = RedisDeployment.standalone().start()) {
			run("standalone", redis);
		}
		try (RedisDeployment redis = RedisDeployment.cluster().primaries(3).replicasPerPrimary(1).start()) {
			run("cluster 3 x 1", redis);
		}
	}

	private void run(String topology, RedisDeployment redis) throws Exception {
		String scenario = "near cache, " + topology;
		double get = this.scenarios.rawGetThroughput(redis);
		Map<String, Double> best = new HashMap<>();
		for (int round = 0; round < ((this.scale >= 1) ? 3 : 1); round++) {
			best.merge("in-memory", cacheable(redis, Flavor.PLAIN_BOOT, "spring.cache.type=simple"), Math::max);
			best.merge("immutable", cacheable(redis, Flavor.REDIS_CACHE, NEAR, IMMUTABLE), Math::max);
			best.merge("mutable", cacheable(redis, Flavor.REDIS_CACHE, NEAR), Math::max);
			best.merge("remote", cacheable(redis, Flavor.REDIS_CACHE), Math::max);
			best.merge("plain", cacheable(redis, Flavor.PLAIN_BOOT), Math::max);
			best.merge("aside", cacheAside(redis, NEAR, IMMUTABLE), Math::max);
			best.merge("misses", misses(redis), Math::max);
			best.merge("near misses", misses(redis, NEAR), Math::max);
		}
		this.table.add(scenario, "@Cacheable hit ops/s, immutable-values: Spring's ConcurrentMapCache vs near cache",
				best.get("in-memory"), best.get("immutable"));
		this.table.add(scenario,
				"@Cacheable hit ops/s, values decoded per hit (default): raw Lettuce GET vs near cache", get,
				best.get("mutable"));
		this.table.add(scenario, "@Cacheable hit ops/s, decoded per hit: plain Boot vs near cache", best.get("plain"),
				best.get("mutable"));
		this.table.add(scenario, "@Cacheable hit ops/s, decoded per hit: redis-cache without vs with near cache",
				best.get("remote"), best.get("mutable"));
		this.table.add(scenario, "CacheAside hit ops/s, immutable-values: raw Lettuce GET vs near cache", get,
				best.get("aside"));
		this.table.add(scenario, "miss path ops/s (GET, load, SET): redis-cache without vs with near cache",
				best.get("misses"), best.get("near misses"));
		visibility(scenario, redis);
		heapPerEntry(scenario, redis);
	}

	private double cacheable(RedisDeployment redis, Flavor flavor, String... properties) {
		try (ConfigurableApplicationContext context = flavor.start(redis, new Loader(Duration.ZERO), properties)) {
			ProductService service = context.getBean(ProductService.class);
			for (int pass = 0; pass < 3; pass++) {
				LongStream.range(0, 100).forEach(service::product);
			}
			return this.scenarios.throughput(service::product);
		}
		finally {
			redis.flushAll();
		}
	}

	private double cacheAside(RedisDeployment redis, String... properties) {
		Loader loader = new Loader(Duration.ZERO);
		try (ConfigurableApplicationContext context = Flavor.REDIS_CACHE.start(redis, loader, properties)) {
			CacheAside aside = context.getBean(CacheAside.class);
			LongFunction<ProductDto> call = (id) -> aside.get("products", id, () -> loader.load(id));
			for (int pass = 0; pass < 3; pass++) {
				LongStream.range(0, 100).forEach(call::apply);
			}
			return this.scenarios.throughput(call);
		}
		finally {
			redis.flushAll();
		}
	}

	/**
	 * Every call a miss: a key never read before, so a GET that finds nothing, the load
	 * and a SET (with a near cache, the GET goes through the tracked connection and
	 * fills).
	 */
	private double misses(RedisDeployment redis, String... properties) {
		try (ConfigurableApplicationContext context = Flavor.REDIS_CACHE.start(redis, new Loader(Duration.ZERO),
				properties)) {
			ProductService service = context.getBean(ProductService.class);
			AtomicLong next = new AtomicLong(1_000_000);
			return this.scenarios.throughput((id) -> service.product(next.incrementAndGet()));
		}
		finally {
			redis.flushAll();
		}
	}

	/**
	 * How long after a write on one instance returns another instance's read returns the
	 * new value: on a quiet system, and while {@value #WRITES_PER_SECOND} other writes a
	 * second change keys that instance reads (in a cache of their own, with a near cache
	 * too, through the same tracked connection). Plain Boot reads Redis every time, so
	 * its time is one read. For the near cache also how long after the write returned
	 * Redis's invalidation dropped the entry in the other instance's near cache (noted
	 * there, see {@link Invalidations}), before the read that fetches the new value.
	 */
	private void visibility(String scenario, RedisDeployment redis) throws Exception {
		visibility(scenario, redis, 0);
		visibility(scenario, redis, WRITES_PER_SECOND);
	}

	private void visibility(String scenario, RedisDeployment redis, int writesPerSecond) throws Exception {
		Map<Flavor, double[]> results = new HashMap<>();
		for (Flavor flavor : Flavor.values()) {
			String[] properties = (flavor == Flavor.REDIS_CACHE) ? new String[] { NEAR, NEAR_BACKGROUND }
					: new String[0];
			Loader loader = new Loader(Duration.ZERO);
			Invalidations invalidations = (flavor == Flavor.REDIS_CACHE) ? new Invalidations() : null;
			try (ConfigurableApplicationContext writing = flavor.start(redis, loader, properties);
					ConfigurableApplicationContext reading = flavor.start(redis, loader,
							(invalidations != null) ? Map.of("invalidations", invalidations) : Map.of(), properties)) {
				results.put(flavor, visibility(redis, writing.getBean(ProductService.class),
						reading.getBean(ProductService.class), invalidations, writesPerSecond));
			}
			finally {
				redis.flushAll();
			}
		}
		double[] plain = results.get(Flavor.PLAIN_BOOT);
		double[] near = results.get(Flavor.REDIS_CACHE);
		String load = (writesPerSecond > 0) ? format(near[2]) + " other writes/s" : "quiet";
		this.table.add(scenario,
				"write on one instance to new value read on another, p50 us (" + load + "): plain Boot vs near cache",
				plain[0], near[0]);
		this.table.add(scenario, "write on one instance to new value read on another, p99 us (" + load + ")", plain[1],
				near[1]);
		this.table.add(scenario, "write on one instance to invalidation in another's near cache, p50 / p99 us (" + load
				+ "): near cache only", "-", format(near[3]) + " / " + format(near[4]), "-");
	}

	/**
	 * Return the p50 and p99 in microseconds, the background writes a second reached, and
	 * the p50 and p99 of the invalidations (0 without a near cache).
	 * @param invalidations the reader's invalidations of probed entries, or {@code null}
	 */
	private double[] visibility(RedisDeployment redis, ProductService writer, ProductService reader,
			@Nullable Invalidations invalidations, int writesPerSecond) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		LongAdder writes = new LongAdder();
		List<Thread> background = new ArrayList<>();
		writer.background(1000);
		RawRedis raw = RawRedis.connect(redis);
		byte[] entry = raw.sync().get(backgroundKey(1000));
		background.add(daemon(() -> {
			// Every 10 ms a pipelined batch of SETs of an entry the instances can read,
			// so that the writes cost the callers' cores little.
			long next = System.nanoTime();
			for (long i = 0; running.get();) {
				List<RedisFuture<String>> batch = new ArrayList<>();
				for (int n = 0; n < writesPerSecond / 100; n++, i++) {
					batch.add(raw.async().set(backgroundKey(1000 + (i % 1000)), entry));
				}
				LettuceFutures.awaitAll(Duration.ofSeconds(5), batch.toArray(RedisFuture[]::new));
				writes.add(batch.size());
				next += TimeUnit.MILLISECONDS.toNanos(10);
				LockSupport.parkNanos(next - System.nanoTime());
			}
		}));
		background.add(daemon(() -> {
			// The reading instance keeps reading the written keys, as fast as they are
			// written, so that it keeps receiving their invalidations.
			long next = System.nanoTime();
			for (long i = 0; running.get();) {
				for (int n = 0; n < writesPerSecond / 100; n++, i++) {
					reader.background(1000 + (i % 1000));
				}
				next += TimeUnit.MILLISECONDS.toNanos(10);
				LockSupport.parkNanos(next - System.nanoTime());
			}
		}));
		// The probed keys are read before: a first read's own write (the load's SET)
		// invalidates the fill that follows it, and would leave the entry not held.
		for (int pass = 0; pass < 3; pass++) {
			LongStream.range(0, 100).forEach(reader::product);
		}
		int probes = (int) Math.max(20, 1000 * this.scale);
		long[] micros = new long[probes];
		long[] invalidated = new long[probes];
		long writesBefore = writes.sum();
		long start = System.nanoTime();
		for (int p = 0; p < probes; p++) {
			long key = p % 100;
			reader.product(key);
			reader.product(key);
			String name = "probe-" + p;
			long before = (invalidations != null) ? invalidations.count() : 0;
			writer.rename(key, name);
			long written = System.nanoTime();
			long deadline = written + TimeUnit.SECONDS.toNanos(1);
			while (invalidations != null && invalidations.count() == before && System.nanoTime() < deadline) {
				LockSupport.parkNanos(POLL_NANOS);
			}
			// Zero when the entry was dropped before the write returned to its caller.
			long dropped = (invalidations != null && invalidations.count() != before) ? invalidations.lastNanos()
					: System.nanoTime();
			invalidated[p] = Math.max(0, dropped - written) / 1000;
			while (!name.equals(reader.product(key).name()) && System.nanoTime() < deadline) {
				// Polling without a pause would take a core from Redis and the event
				// loops.
				LockSupport.parkNanos(POLL_NANOS);
			}
			micros[p] = (System.nanoTime() - written) / 1000;
		}
		double rate = (writes.sum() - writesBefore) / ((System.nanoTime() - start) / 1e9);
		running.set(false);
		for (Thread thread : background) {
			thread.join();
		}
		raw.close();
		Arrays.sort(micros);
		Arrays.sort(invalidated);
		int p99 = (int) Math.ceil(probes * 0.99) - 1;
		return new double[] { micros[probes / 2], micros[p99], rate, invalidated[probes / 2], invalidated[p99] };
	}

	/**
	 * The heap an entry takes: Spring's ConcurrentMapCache vs a near cache (its store and
	 * the front of the view that read it), the loader's own state excluded.
	 */
	private void heapPerEntry(String scenario, RedisDeployment redis) {
		// Enough entries that what the collector leaves behind is noise per entry.
		int entries = (int) Math.max(1000, 100_000 * this.scale);
		double inMemory = heapPerEntry(redis, Flavor.PLAIN_BOOT, entries, "spring.cache.type=simple");
		// Full at the end, with no eviction; Caffeine's frequency sketch (8 bytes per
		// max-size entry, rounded up to a power of two) comes as the cache is half full,
		// in the first batch, and is reported beside this figure in benchmarks.md.
		double near = heapPerEntry(redis, Flavor.REDIS_CACHE, entries, NEAR, IMMUTABLE,
				"redis-cache.caches.products.near.max-size=" + (2 * entries));
		this.table.add(scenario, "heap bytes per entry, immutable-values: ConcurrentMapCache vs near cache", inMemory,
				near);
	}

	private double heapPerEntry(RedisDeployment redis, Flavor flavor, int entries, String... properties) {
		Loader loader = new Loader(Duration.ZERO);
		LongStream.range(0, 2L * entries).forEach(loader::load);
		try (ConfigurableApplicationContext context = flavor.start(redis, loader, properties)) {
			ProductService service = context.getBean(ProductService.class);
			service.product(-1);
			service.product(-1);
			// The heap that a second batch of entries adds to a first: what the
			// application's start left behind (soft references, pools) is not counted.
			fill(service, 0, entries);
			HeapHistogram histogram = HISTOGRAM ? HeapHistogram.take() : null;
			long before = usedHeap();
			double heldBefore = held(context, flavor, entries);
			fill(service, entries, 2L * entries);
			double added = held(context, flavor, 2 * entries) - heldBefore;
			double perEntry = (usedHeap() - before) / added;
			if (histogram != null) {
				System.out.printf(Locale.ROOT, "Heap per entry of %s by class:%n%s", flavor,
						HeapHistogram.take().growthSince(histogram, added));
			}
			return perEntry;
		}
		finally {
			redis.flushAll();
		}
	}

	private static byte[] backgroundKey(long id) {
		return ("background::" + id).getBytes(StandardCharsets.UTF_8);
	}

	private static Thread daemon(Runnable task) {
		Thread thread = new Thread(task, "bench-background");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static void fill(ProductService service, long from, long to) {
		for (int pass = 0; pass < 3; pass++) {
			LongStream.range(from, to).forEach(service::product);
		}
	}

	/**
	 * How many entries the cache holds: a near cache holds what its fills installed (a
	 * fill that an invalidation crossed, of the instance's own write say, installs
	 * nothing).
	 */
	private static double held(ConfigurableApplicationContext context, Flavor flavor, int entries) {
		return (flavor == Flavor.REDIS_CACHE) ? context.getBean(MeterRegistry.class)
			.get(MicrometerCacheEventListener.NEAR_SIZE)
			.tag("cache", "products")
			.gauge()
			.value() : entries;
	}

	private static long usedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%,.0f", value);
	}

	/**
	 * Told by the reading instance's near cache when Redis's invalidations drop entries
	 * of {@code products}: it notes when, on the thread that handled the invalidation, so
	 * that the probe's own wake-up is not measured.
	 */
	static final class Invalidations implements CacheEventListener {

		private final AtomicLong count = new AtomicLong();

		private volatile long lastNanos;

		@Override
		public void nearInvalidated(String cacheName, int keys) {
			if ("products".equals(cacheName)) {
				this.lastNanos = System.nanoTime();
				this.count.incrementAndGet();
			}
		}

		long count() {
			return this.count.get();
		}

		long lastNanos() {
			return this.lastNanos;
		}

	}

}
