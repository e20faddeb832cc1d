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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.lettuce.core.api.sync.RedisStringCommands;

import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scenarios of a benchmark run. Each starts its own Redis and application instances,
 * runs plain Spring Boot and redis-cache against the same Redis, and adds rows to the
 * table. Durations are multiplied by the scale, so that a smoke run can be short.
 */
final class Scenarios {

	/**
	 * The shortest wait for a recovery, however small the scale: redis-cache resumes
	 * within about 5 s in the smoke run; plain Boot, which does not resume, is waited for
	 * this long.
	 */
	private static final Duration SHORTEST_LIMIT = Duration.ofSeconds(8);

	private static final int THREADS = 16;

	private final double scale;

	private final ResultTable table;

	Scenarios(double scale, ResultTable table) {
		this.scale = scale;
		this.table = table;
	}

	/**
	 * Warm hits of both flavors and a raw GET, interleaved: three rounds of plain Boot,
	 * redis-cache and the raw GET one after the other, the best of each kept, so that a
	 * slow spell of this shared machine does not fall on one side only.
	 */
	void hitPath() throws Exception {
		try (RedisDeployment redis = RedisDeployment.standalone().start()) {
			Map<Flavor, Double> best = new EnumMap<>(Flavor.class);
			Map<Flavor, Double> leastCpu = new EnumMap<>(Flavor.class);
			double ceiling = 0;
			double rawCpu = Double.MAX_VALUE;
			// One round in a smoke run (scale < 1), which asserts no timing.
			int rounds = (this.scale < 1) ? 1 : 3;
			for (int round = 0; round < rounds; round++) {
				for (Flavor flavor : Flavor.values()) {
					try (ConfigurableApplicationContext context = flavor.start(redis, new Loader(Duration.ZERO))) {
						ProductService service = context.getBean(ProductService.class);
						LongStream.range(0, 100).forEach(service::product);
						Rate rate = rate(service::product);
						best.merge(flavor, rate.perSecond(), Math::max);
						leastCpu.merge(flavor, rate.cpuMicrosPerCall(), Math::min);
					}
					redis.flushAll();
				}
				Rate raw = rawGetRate(redis);
				ceiling = Math.max(ceiling, raw.perSecond());
				rawCpu = Math.min(rawCpu, raw.cpuMicrosPerCall());
				redis.flushAll();
			}
			this.table.add("hit path", "ops/s, 16 threads, warm @Cacheable", best.get(Flavor.PLAIN_BOOT),
					best.get(Flavor.REDIS_CACHE));
			this.table.add("hit path", "application CPU us per warm hit (JVM process CPU / hits; lower is better)",
					leastCpu.get(Flavor.PLAIN_BOOT), leastCpu.get(Flavor.REDIS_CACHE));
			this.table.add("hit path", "application CPU us per raw Lettuce GET", ResultTable.format(rawCpu),
					ResultTable.format(rawCpu), "-");
			double pooled = warmThroughput(Flavor.REDIS_CACHE, redis, "bench.share-native-connection=false");
			this.table.add("hit path", "redis-cache ops/s: shared native connection (left) vs pooled (right)",
					ResultTable.format(best.get(Flavor.REDIS_CACHE)), ResultTable.format(pooled),
					ResultTable.format(pooled / best.get(Flavor.REDIS_CACHE)) + "x");
			this.table.add("hit path", "raw Lettuce GET ceiling, ops/s", ResultTable.format(ceiling),
					ResultTable.format(ceiling), String.format(java.util.Locale.ROOT, "redis-cache at %.0f%%",
							100 * best.get(Flavor.REDIS_CACHE) / ceiling));
		}
	}

	/**
	 * Run a fault scenario once per flavor, plain Boot first.
	 */
	private static Map<Flavor, double[]> perFlavor(FlavorRun run) throws Exception {
		Map<Flavor, double[]> results = new EnumMap<>(Flavor.class);
		for (Flavor flavor : Flavor.values()) {
			results.put(flavor, run.apply(flavor));
		}
		return results;
	}

	/**
	 * One run of a scenario with one flavor: its measurements.
	 */
	@FunctionalInterface
	private interface FlavorRun {

		double[] apply(Flavor flavor) throws Exception;

	}

	/**
	 * The best of two rounds of warm hits of a flavor started with extra properties.
	 */
	private double warmThroughput(Flavor flavor, RedisDeployment redis, String... properties) {
		double best = 0;
		for (int round = 0; round < 2; round++) {
			try (ConfigurableApplicationContext context = flavor.start(redis, new Loader(Duration.ZERO), properties)) {
				ProductService service = context.getBean(ProductService.class);
				for (int pass = 0; pass < 3; pass++) {
					LongStream.range(0, 100).forEach(service::product);
				}
				best = Math.max(best, throughput(service::product));
			}
			redis.flushAll();
		}
		return best;
	}

	/**
	 * Bytes per entry: one entry's {@code MEMORY USAGE} and length, and the growth of the
	 * server's {@code used_memory} over many entries (what a cache costs, with every key,
	 * expiry and structure it needs), for plain Boot, redis-cache in each encoding and
	 * Redisson's Spring cache with its default codec, in one run.
	 */
	void bytesPerEntry() {
		int count = Math.max(200, (int) (10_000 * Math.min(1, this.scale)));
		try (RedisDeployment redis = RedisDeployment.standalone().start()) {
			RedisNode node = redis.nodes().get(0);
			Map<String, double[]> sizes = new java.util.LinkedHashMap<>();
			for (String encoding : new String[] { "plain Boot", "json", "smile", "cbor" }) {
				Flavor flavor = encoding.equals("plain Boot") ? Flavor.PLAIN_BOOT : Flavor.REDIS_CACHE;
				try (ConfigurableApplicationContext context = flavor.start(redis, new Loader(Duration.ZERO),
						"redis-cache.defaults.encoding=" + (encoding.equals("plain Boot") ? "json" : encoding))) {
					ProductService service = context.getBean(ProductService.class);
					service.product(1);
					long memory = node.call((commands) -> commands.memoryUsage("products::1"));
					long length = node.call((commands) -> commands.strlen("products::1"));
					redis.flushAll();
					long before = usedMemory(node);
					LongStream.range(0, count).forEach(service::product);
					sizes.put(encoding, new double[] { memory, length, (usedMemory(node) - before) / (double) count });
				}
				redis.flushAll();
			}
			long before = usedMemory(node);
			String codec = RedissonEntries.storeInSpringCache(node, count);
			double redissonCache = (usedMemory(node) - before) / (double) count;
			redis.flushAll();
			before = usedMemory(node);
			RedissonEntries.storeInBuckets(node, count);
			double redissonBuckets = (usedMemory(node) - before) / (double) count;
			long redissonOne = node.call((commands) -> commands.memoryUsage("products::1"));
			long redissonLength = node.call((commands) -> commands.strlen("products::1"));
			redis.flushAll();
			double[] plain = sizes.get("plain Boot");
			for (String encoding : new String[] { "json", "smile", "cbor" }) {
				double[] ours = sizes.get(encoding);
				this.table.add("bytes per entry", "MEMORY USAGE of one DTO entry, redis-cache " + encoding, plain[0],
						ours[0]);
				this.table.add("bytes per entry", "value length (STRLEN), redis-cache " + encoding, plain[1], ours[1]);
				this.table.add("bytes per entry",
						"used_memory growth per entry over " + count + ", redis-cache " + encoding,
						Math.round(plain[2]), Math.round(ours[2]));
			}
			for (String encoding : new String[] { "smile", "cbor" }) {
				double[] ours = sizes.get(encoding);
				this.table.add("bytes per entry", "used_memory growth per entry: Redisson's Spring cache (" + codec
						+ ", left) vs redis-cache " + encoding, Math.round(redissonCache), Math.round(ours[2]));
				this.table.add(
						"bytes per entry", "used_memory growth per entry: Redisson RBucket per key (" + codec
								+ ", left) vs redis-cache " + encoding,
						Math.round(redissonBuckets), Math.round(ours[2]));
				this.table.add("bytes per entry",
						"MEMORY USAGE of one entry: Redisson RBucket (left) vs redis-cache " + encoding, redissonOne,
						ours[0]);
				this.table.add("bytes per entry",
						"value length (STRLEN): Redisson RBucket (left) vs redis-cache " + encoding, redissonLength,
						ours[1]);
			}
		}
	}

	private static long usedMemory(RedisNode node) {
		String info = node.call((commands) -> commands.info("memory"));
		return info.lines()
			.filter((line) -> line.startsWith("used_memory:"))
			.map((line) -> Long.parseLong(line.substring("used_memory:".length()).trim()))
			.findFirst()
			.orElseThrow();
	}

	void stampede() throws Exception {
		try (RedisDeployment redis = RedisDeployment.standalone().start()) {
			long[] plainUnsynced = stampede(redis, Flavor.PLAIN_BOOT, false);
			long[] plainSynced = stampede(redis, Flavor.PLAIN_BOOT, true);
			long[] ours = stampede(redis, Flavor.REDIS_CACHE, true);
			long[] oursUnsynced = stampede(redis, Flavor.REDIS_CACHE, false);
			this.table.add("stampede", "loader calls, 4 instances x 16 threads, sync=false", plainUnsynced[0],
					oursUnsynced[0]);
			this.table.add("stampede", "loader calls, sync=true", plainSynced[0], ours[0]);
			this.table.add("stampede", "p99 caller latency ms, sync=true", plainSynced[1], ours[1]);
		}
	}

	private long[] stampede(RedisDeployment redis, Flavor flavor, boolean sync) throws Exception {
		Loader loader = new Loader(Duration.ofMillis(200));
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				instances.add(flavor.start(redis, loader));
			}
			warmUp(instances, sync, (this.scale < 1) ? 1 : 5);
			long loadsBefore = loader.calls();
			CyclicBarrier start = new CyclicBarrier(4 * THREADS);
			CountDownLatch done = new CountDownLatch(4 * THREADS);
			List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
			LongAdder errors = new LongAdder();
			for (ConfigurableApplicationContext instance : instances) {
				ProductService service = instance.getBean(ProductService.class);
				for (int t = 0; t < THREADS; t++) {
					Thread thread = new Thread(() -> {
						try {
							start.await();
							long begin = System.nanoTime();
							if (sync) {
								service.productSync(777);
							}
							else {
								service.product(777);
							}
							latencies.add(System.nanoTime() - begin);
						}
						catch (Exception ex) {
							errors.increment();
						}
						finally {
							done.countDown();
						}
					});
					thread.setDaemon(true);
					thread.start();
				}
			}
			done.await();
			List<Long> sorted = new ArrayList<>(latencies);
			sorted.sort(null);
			long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1_000_000;
			return new long[] { loader.calls() - loadsBefore, p99, errors.sum() };
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			redis.flushAll();
		}
	}

	/**
	 * A stampede hits services that already run: each thread of each instance first loads
	 * and reads keys of its own (five misses and hits in a real run, one in a smoke run,
	 * in parallel), so that the stampede's latency is the wait for the load, not a first
	 * call's class loading and connecting.
	 */
	private static void warmUp(List<ConfigurableApplicationContext> instances, boolean sync, int keys)
			throws Exception {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < instances.size(); i++) {
			ProductService service = instances.get(i).getBean(ProductService.class);
			for (int t = 0; t < THREADS; t++) {
				long first = 1_000_000L + (i * THREADS + t) * 10L;
				Thread thread = new Thread(() -> {
					for (long id = first; id < first + keys; id++) {
						for (int call = 0; call < 2; call++) {
							if (sync) {
								service.productSync(id);
							}
							else {
								service.product(id);
							}
						}
					}
				});
				thread.setDaemon(true);
				thread.start();
				threads.add(thread);
			}
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	void outage() throws Exception {
		Map<Flavor, double[]> results = perFlavor(
				(flavor) -> standaloneFault(flavor, Duration.ofSeconds(1), RedisNode::kill, RedisNode::restart));
		String scenario = "outage (server killed)";
		this.table.add(scenario, "errors seen by callers in " + seconds(3) + " s down",
				results.get(Flavor.PLAIN_BOOT)[0], results.get(Flavor.REDIS_CACHE)[0]);
		this.table.add(scenario, "p50 latency while down, ms", results.get(Flavor.PLAIN_BOOT)[2],
				results.get(Flavor.REDIS_CACHE)[2]);
		this.table.add(scenario, "p99 latency while down, ms", results.get(Flavor.PLAIN_BOOT)[3],
				results.get(Flavor.REDIS_CACHE)[3]);
		this.table.add(scenario, "s from restart to the first hit", seconds(results.get(Flavor.PLAIN_BOOT)[4]),
				seconds(results.get(Flavor.REDIS_CACHE)[4]), "-");
	}

	/**
	 * The server hangs (SIGSTOP, sockets open) after sustained traffic: what callers see
	 * during 3 s of hang, and how soon hits resume once it continues.
	 */
	void hungServer() throws Exception {
		Map<Flavor, double[]> results = perFlavor(
				(flavor) -> standaloneFault(flavor, Duration.ofSeconds(2), RedisNode::suspend, RedisNode::resume));
		String scenario = "hung server (SIGSTOP after 2 s of traffic)";
		this.table.add(scenario, "errors seen by callers in " + seconds(3) + " s hung",
				results.get(Flavor.PLAIN_BOOT)[0], results.get(Flavor.REDIS_CACHE)[0]);
		this.table.add(scenario, "calls completed while hung", results.get(Flavor.PLAIN_BOOT)[1],
				results.get(Flavor.REDIS_CACHE)[1]);
		this.table.add(scenario, "p99 latency while hung, ms", results.get(Flavor.PLAIN_BOOT)[3],
				results.get(Flavor.REDIS_CACHE)[3]);
		this.table.add(scenario, "s from resume to the first hit", seconds(results.get(Flavor.PLAIN_BOOT)[4]),
				seconds(results.get(Flavor.REDIS_CACHE)[4]), "-");
	}

	/**
	 * Traffic on a warm cache, then a fault of the one server for 3 s, then its recovery.
	 * @return errors and calls during the fault, p50 and p99 latency in ms during it, and
	 * seconds from the recovery to the first hit
	 */
	private double[] standaloneFault(Flavor flavor, Duration trafficBefore, Consumer<RedisNode> fault,
			Consumer<RedisNode> recovery) throws Exception {
		try (RedisDeployment redis = RedisDeployment.standalone().start()) {
			Loader loader = new Loader(Duration.ZERO);
			try (ConfigurableApplicationContext context = flavor.start(redis, loader)) {
				ProductService service = context.getBean(ProductService.class);
				LongStream.range(0, 100).forEach(service::product);
				Traffic traffic = Traffic.start(THREADS, 100, service::product);
				pause(trafficBefore);
				RedisNode node = redis.nodes().get(0);
				fault.accept(node);
				traffic.resetSamples();
				long errorsBefore = traffic.errors();
				long callsBefore = traffic.calls();
				pause(Duration.ofSeconds(3));
				long errors = traffic.errors() - errorsBefore;
				long calls = traffic.calls() - callsBefore;
				double p50 = traffic.percentile(50).toNanos() / 1e6;
				double p99 = traffic.percentile(99).toNanos() / 1e6;
				recovery.accept(node);
				double resumed = timeUntilHit(service, loader, Duration.ofSeconds(60));
				traffic.stop();
				return new double[] { errors, calls, p50, p99, resumed };
			}
		}
	}

	/**
	 * Redis keeps its data across an outage (a restart that reloads its append-only file,
	 * as a partition would keep it): 10 products are renamed through {@code @CachePut}
	 * while it is down; afterwards, how many reads still see the old name.
	 */
	void partitionWithData() throws Exception {
		Map<Flavor, double[]> results = new EnumMap<>(Flavor.class);
		int updated = 10;
		for (Flavor flavor : Flavor.values()) {
			try (RedisDeployment redis = RedisDeployment.standalone()
				.configure("appendonly yes")
				.configure("appendfsync always")
				.start()) {
				Loader loader = new Loader(Duration.ZERO);
				try (ConfigurableApplicationContext context = flavor.start(redis, loader)) {
					ProductService service = context.getBean(ProductService.class);
					LongStream.range(0, updated).forEach(service::product);
					RedisNode node = redis.nodes().get(0);
					node.kill();
					long errors = 0;
					for (long id = 0; id < updated; id++) {
						try {
							service.rename(id, "renamed-" + id);
						}
						catch (RuntimeException ex) {
							errors++;
						}
					}
					node.restart();
					pause(Duration.ofSeconds(3));
					long stale = 0;
					for (long id = 0; id < updated; id++) {
						try {
							if (!service.product(id).name().equals("renamed-" + id)) {
								stale++;
							}
						}
						catch (RuntimeException ex) {
							errors++;
						}
					}
					results.put(flavor, new double[] { errors, stale });
				}
			}
		}
		String scenario = "restart keeping data (" + updated + " @CachePut while down)";
		this.table.add(scenario, "errors seen by callers", results.get(Flavor.PLAIN_BOOT)[0],
				results.get(Flavor.REDIS_CACHE)[0]);
		this.table.add(scenario, "old values served after it", results.get(Flavor.PLAIN_BOOT)[1],
				results.get(Flavor.REDIS_CACHE)[1]);
	}

	void failover() throws Exception {
		Map<Flavor, double[]> results = perFlavor((flavor) -> failoverOnce(flavor));
		this.table.add("failover (primary killed)", "errors seen by callers", results.get(Flavor.PLAIN_BOOT)[0],
				results.get(Flavor.REDIS_CACHE)[0]);
		this.table.add("failover (primary killed)", "s until the failed shard's keys hit again",
				seconds(results.get(Flavor.PLAIN_BOOT)[1]), seconds(results.get(Flavor.REDIS_CACHE)[1]), "-");
		this.table.add("failover (primary killed)", "hit rate of the other shards meanwhile, %",
				results.get(Flavor.PLAIN_BOOT)[2], results.get(Flavor.REDIS_CACHE)[2]);
	}

	/**
	 * A primary hangs under load (its breaker opens), its replica takes over, and the
	 * hung node is replaced: killed and forgotten by the cluster, as a managed service
	 * replaces a failed node. Measures caller errors, when the failed shard's keys hit
	 * again, and when the cache's health contributor ({@code redisCache}; Boot's
	 * {@code redis} for plain Boot) is UP again, which needs the departed node's breaker
	 * dropped.
	 */
	void departedNode() throws Exception {
		Map<Flavor, double[]> results = perFlavor((flavor) -> departedNodeOnce(flavor));
		String scenario = "departed node (hung primary replaced)";
		this.table.add(scenario, "errors seen by callers", results.get(Flavor.PLAIN_BOOT)[0],
				results.get(Flavor.REDIS_CACHE)[0]);
		this.table.add(scenario, "s until the failed shard's keys hit again",
				seconds(results.get(Flavor.PLAIN_BOOT)[1]), seconds(results.get(Flavor.REDIS_CACHE)[1]), "-");
		this.table.add(scenario, "s until the cache's health is UP again", seconds(results.get(Flavor.PLAIN_BOOT)[2]),
				seconds(results.get(Flavor.REDIS_CACHE)[2]), "-");
	}

	private double[] departedNodeOnce(Flavor flavor) throws Exception {
		try (RedisDeployment redis = RedisDeployment.cluster().clusterNodeTimeout(Duration.ofSeconds(2)).start()) {
			Loader loader = new Loader(Duration.ZERO);
			try (ConfigurableApplicationContext context = flavor.start(redis, loader,
					"management.health.redis.enabled=true", "management.endpoints.jmx.exposure.include=health")) {
				ProductService service = context.getBean(ProductService.class);
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				String contributor = (flavor == Flavor.PLAIN_BOOT) ? "redis" : "redisCache";
				LongStream.range(0, 300).forEach(service::product);
				RedisNode failed = redis.primaryFor("products::0");
				String failedId = failed.call((commands) -> commands.clusterMyId());
				long probe = LongStream.range(1000, 5000)
					.filter((id) -> redis.primaryFor("products::" + id) == failed)
					.findFirst()
					.orElseThrow();
				Traffic all = Traffic.start(THREADS, 300, service::product);
				pause(Duration.ofSeconds(1));
				long errorsBefore = all.errors();
				long start = System.nanoTime();
				failed.suspend();
				List<RedisNode> others = redis.nodes().stream().filter((node) -> node != failed).toList();
				awaitPromotion(others, failedId);
				failed.kill();
				others.forEach((node) -> node.call((commands) -> commands.clusterForget(failedId)));
				double hit = timeUntilHit(service, loader, probe, Duration.ofSeconds(30));
				double recovered = (hit < 0) ? -1 : (System.nanoTime() - start) / 1e9;
				double healthy = timeUntil(() -> "UP".equals(health.healthForPath(contributor).getStatus().getCode()),
						start, Duration.ofSeconds(30));
				long errors = all.errors() - errorsBefore;
				all.stop();
				return new double[] { errors, recovered, healthy };
			}
		}
	}

	/**
	 * Wait until a replica of the failed primary has taken its place.
	 */
	private void awaitPromotion(List<RedisNode> others, String failedId) {
		long start = System.nanoTime();
		boolean forced = false;
		while (System.nanoTime() - start < Duration.ofSeconds(45).toNanos()) {
			boolean promoted = others.stream().noneMatch((node) -> {
				String nodes = node.call((commands) -> commands.clusterNodes());
				return nodes.lines().anyMatch((line) -> line.contains("myself,slave " + failedId))
						|| !node.call((commands) -> commands.clusterInfo()).contains("cluster_state:ok");
			});
			if (promoted) {
				return;
			}
			if (!forced && System.nanoTime() - start > Duration.ofSeconds(15).toNanos()) {
				// On a loaded machine an election can fail to start (a replica whose
				// data the cluster deems too old refuses): take over as an operator
				// would.
				forced = true;
				System.out.println("No replica of " + failedId + " took over within 15 s; forcing a takeover");
				others.stream()
					.filter((node) -> node.call((commands) -> commands.clusterNodes())
						.lines()
						.anyMatch((line) -> line.contains("myself,slave " + failedId)))
					.forEach((replica) -> replica.call((commands) -> commands.clusterFailover(true, true)));
			}
			pause(Duration.ofMillis(100));
		}
		throw new IllegalStateException("No replica took over from node " + failedId + " within 45 s");
	}

	/**
	 * Return the seconds from a start until a condition holds, or a negative number if it
	 * did not within the limit.
	 */
	private double timeUntil(java.util.function.BooleanSupplier condition, long start, Duration limit) {
		long deadline = System.nanoTime() + Math.max(scaled(limit).toNanos(), SHORTEST_LIMIT.toNanos());
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return (System.nanoTime() - start) / 1e9;
			}
			pause(Duration.ofMillis(50));
		}
		return -1;
	}

	/**
	 * The failover scenario repeated with redis-cache, each run on a fresh cluster: the
	 * resume time of every run (plain Boot's single run above does not resume within the
	 * limit, so it is not repeated).
	 * @param runs how many runs
	 */
	void failoverRepeated(int runs) throws Exception {
		List<String> resumes = new ArrayList<>();
		long errors = 0;
		double worst = 0;
		for (int run = 0; run < runs; run++) {
			double[] result = failoverOnce(Flavor.REDIS_CACHE);
			errors += (long) result[0];
			resumes.add(seconds(result[1]));
			worst = Double.isNaN(result[1]) ? Double.NaN : Math.max(worst, result[1]);
		}
		this.table.add("failover x " + runs + " (primary killed)",
				"s until the failed shard's keys hit again, each run", "-", String.join(", ", resumes),
				"max " + seconds(worst));
		this.table.add("failover x " + runs + " (primary killed)", "errors seen by callers, all runs", "-",
				Long.toString(errors), "-");
	}

	private double[] failoverOnce(Flavor flavor) throws Exception {
		try (RedisDeployment redis = RedisDeployment.cluster().clusterNodeTimeout(Duration.ofSeconds(2)).start()) {
			Loader loader = new Loader(Duration.ZERO);
			try (ConfigurableApplicationContext context = flavor.start(redis, loader)) {
				ProductService service = context.getBean(ProductService.class);
				LongStream.range(0, 300).forEach(service::product);
				RedisNode failed = redis.primaryFor("products::0");
				LongPredicate onFailed = (id) -> redis.primaryFor("products::" + id) == failed;
				long[] healthyIds = LongStream.range(0, 300).filter(onFailed.negate()).toArray();
				long probe = LongStream.range(1000, 5000).filter(onFailed).findFirst().orElseThrow();
				Traffic healthy = Traffic.start(THREADS / 2, healthyIds.length,
						(i) -> service.product(healthyIds[(int) i]));
				Traffic all = Traffic.start(THREADS / 2, 300, service::product);
				pause(Duration.ofSeconds(1));
				long loadsBefore = LongStream.of(healthyIds).map(loader::calls).sum();
				long healthyCallsBefore = healthy.calls();
				long errorsBefore = healthy.errors() + all.errors();
				failed.kill();
				double recovered = timeUntilHit(service, loader, probe, Duration.ofSeconds(30));
				long healthyCalls = healthy.calls() - healthyCallsBefore;
				long healthyLoads = LongStream.of(healthyIds).map(loader::calls).sum() - loadsBefore;
				long errors = healthy.errors() + all.errors() - errorsBefore;
				healthy.stop();
				all.stop();
				double hitRate = (healthyCalls == 0) ? 0 : 100.0 * (healthyCalls - healthyLoads) / healthyCalls;
				return new double[] { errors, recovered, hitRate };
			}
		}
	}

	/**
	 * Calls a second of a call from 16 threads over 100 keys, measured for 3 s after 1 s
	 * of warm-up (both scaled).
	 */
	double throughput(java.util.function.LongFunction<ProductDto> call) {
		return rate(call).perSecond();
	}

	/**
	 * Calls a second from 16 threads, and the CPU time this JVM spent per call meanwhile
	 * (every thread's: callers, Lettuce's event loop, the collector), which a Redis
	 * server that two cores share with the callers does not cap the way it caps
	 * throughput.
	 */
	private Rate rate(java.util.function.LongFunction<ProductDto> call) {
		Traffic traffic = Traffic.start(THREADS, 100, call);
		pause(scaled(Duration.ofSeconds(1)));
		long before = traffic.calls();
		long cpuBefore = processCpuNanos();
		long start = System.nanoTime();
		pause(scaled(Duration.ofSeconds(3)));
		long calls = traffic.calls() - before;
		double perSecond = calls / ((System.nanoTime() - start) / 1e9);
		double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / Math.max(1, calls);
		traffic.stop();
		return new Rate(perSecond, cpuMicros);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * A measured rate.
	 *
	 * @param perSecond calls a second
	 * @param cpuMicrosPerCall this JVM's CPU time per call, in microseconds
	 */
	private record Rate(double perSecond, double cpuMicrosPerCall) {
	}

	/**
	 * The throughput of a raw Lettuce GET of one cached-size value, 16 threads over one
	 * connection: the ceiling of any cache read that goes to Redis.
	 */
	double rawGetThroughput(RedisDeployment redis) {
		return rawGetRate(redis).perSecond();
	}

	private Rate rawGetRate(RedisDeployment redis) {
		try (RawRedis raw = RawRedis.connect(redis)) {
			RedisStringCommands<byte[], byte[]> commands = raw.sync();
			byte[] key = "products::1".getBytes(StandardCharsets.UTF_8);
			commands.set(key, "x".repeat(150).getBytes(StandardCharsets.UTF_8));
			return rate((id) -> {
				commands.get(key);
				return null;
			});
		}
	}

	private double timeUntilHit(ProductService service, Loader loader, Duration limit) {
		return timeUntilHit(service, loader, 1_000_000, limit);
	}

	/**
	 * Return the seconds until the probe key is a hit (its second call does not load), or
	 * a negative number if that did not happen within the limit.
	 */
	private double timeUntilHit(ProductService service, Loader loader, long probe, Duration limit) {
		long start = System.nanoTime();
		long deadline = start + Math.max(scaled(limit).toNanos(), SHORTEST_LIMIT.toNanos());
		while (System.nanoTime() < deadline) {
			try {
				service.product(probe);
				long loads = loader.calls(probe);
				service.product(probe);
				if (loader.calls(probe) == loads) {
					return (System.nanoTime() - start) / 1e9;
				}
			}
			catch (RuntimeException ex) {
				// Plain Boot throws while Redis is away; keep probing.
			}
			pause(Duration.ofMillis(20));
		}
		return -1;
	}

	private static String seconds(double value) {
		return (value < 0) ? "not within the limit" : String.format(java.util.Locale.ROOT, "%.2f", value);
	}

	private long seconds(long seconds) {
		return Math.max(1, Math.round(seconds * this.scale));
	}

	private Duration scaled(Duration duration) {
		return Duration.ofMillis(Math.max(50, (long) (duration.toMillis() * this.scale)));
	}

	private void pause(Duration duration) {
		try {
			Thread.sleep(scaled(duration).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
