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

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.ConnectionFactories;
import io.github.rediscache.testing.TcpForwarder;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staleness bound the docs promise, checked under faults: instances with near caches
 * read while a client writes, and servers restart, flush, hang, fail over, lose their
 * clients' connections and are cut off from a reader. Invariant: once a write is
 * acknowledged, no instance returns a value it replaced later than check interval +
 * command timeout after. Each fault is injected at least once; with
 * {@code -Dstaleness.seconds=N} faults go on at random until N seconds have passed (the
 * long mode of docs/benchmarks.md).
 */
class StalenessInvariantIntegrationTests {

	/** What the docs promise. */
	private static final Duration BOUND = NearCacheInstances.CHECK_INTERVAL.plus(NearCacheInstances.COMMAND_TIMEOUT);

	private static final Duration HELD = Duration.ofSeconds(1);

	private static final long SECONDS = Long.getLong("staleness.seconds", 0);

	@Test
	void standaloneThroughRestartsFlushesHangsKilledConnectionsAndAPartition() throws Exception {
		try (RedisDeployment redis = RedisDeployment.standalone().start();
				TcpForwarder link = TcpForwarder.to(redis.nodes().get(0).host(), redis.nodes().get(0).port());
				NearCacheInstances instances = new NearCacheInstances(redis,
						ConnectionFactories.hardenedFor("127.0.0.1", link.port()));
				StalenessRun run = new StalenessRun(BOUND)) {
			RedisNode node = redis.nodes().get(0);
			RedisClient client = RedisClient.create(RedisURI.builder()
				.withHost(node.host())
				.withPort(node.port())
				.withTimeout(Duration.ofSeconds(1))
				.build());
			try (StatefulRedisConnection<String, String> writer = client.connect()) {
				Map<String, Runnable> faults = Map.of("client-kill",
						() -> run.inject("client-kill",
								() -> node.call((commands) -> commands.clientKill(KillArgs.Builder.typeNormal()))),
						"restart", () -> run.injectChanging("restart", run.keys(), node::restart), "flushall",
						() -> run.injectChanging("flushall", run.keys(),
								() -> node.call((commands) -> commands.flushall())),
						"hang", () -> run.inject("hang", () -> {
							node.suspend();
							hold();
							node.resume();
						}), "partition", () -> run.inject("partition", () -> {
							link.pause();
							hold();
							link.resume();
						}));
				holdsTheBound(run, writer.sync(), instances, faults);
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

	@Test
	void clusterThroughFailoversFlushesHangsAndKilledConnections() throws Exception {
		try (RedisDeployment redis = RedisDeployment.cluster()
			.primaries(3)
			.replicasPerPrimary(1)
			.clusterNodeTimeout(Duration.ofSeconds(3))
			.start();
				NearCacheInstances instances = new NearCacheInstances(redis);
				StalenessRun run = new StalenessRun(BOUND)) {
			RedisNode seed = redis.nodes().get(0);
			RedisClusterClient client = RedisClusterClient.create(RedisURI.builder()
				.withHost(seed.host())
				.withPort(seed.port())
				.withTimeout(Duration.ofSeconds(1))
				.build());
			client.setOptions(ClusterClientOptions.builder()
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enablePeriodicRefresh(Duration.ofSeconds(1))
					.enableAllAdaptiveRefreshTriggers()
					.build())
				.build());
			try (StatefulRedisClusterConnection<String, String> writer = client.connect()) {
				Map<String, Runnable> faults = Map.of("client-kill",
						() -> run.inject("client-kill",
								() -> primary(redis, run)
									.call((commands) -> commands.clientKill(KillArgs.Builder.typeNormal()))),
						"flushall", () -> {
							RedisNode primary = primary(redis, run);
							run.injectChanging("flushall", keysOf(redis, primary, run),
									() -> primary.call((commands) -> commands.flushall()));
						}, "hang", () -> run.inject("hang", () -> {
							RedisNode primary = primary(redis, run);
							primary.suspend();
							hold();
							primary.resume();
						}), "failover", () -> run.inject("failover", () -> failOver(redis, run)));
				holdsTheBound(run, writer.sync(), instances, faults);
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}
	}

	/**
	 * Write through the given commands, read through both instances (two threads each),
	 * inject the faults and judge every read.
	 */
	private static void holdsTheBound(StalenessRun run, RedisClusterCommands<String, String> writer,
			NearCacheInstances instances, Map<String, Runnable> faults) throws Exception {
		run.write(writer);
		for (int i = 0; i < 2; i++) {
			run.read(instances.first.getCache("products"));
			run.read(instances.second.getCache("products"));
		}
		StalenessRun.Report report = inject(run, faults);
		assertThat(report.faults()).containsOnlyKeys(faults.keySet());
		assertThat(report.reads()).isGreaterThan(1000);
		assertThat(report.violations()).isEmpty();
	}

	/**
	 * Inject each fault once in random order, then (long mode) random faults until the
	 * time is up, letting traffic run after each; print and return the report.
	 */
	private static StalenessRun.Report inject(StalenessRun run, Map<String, Runnable> faults) throws Exception {
		List<String> order = new ArrayList<>(faults.keySet());
		Collections.shuffle(order);
		long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
		run.settle(500);
		for (int i = 0; i < order.size() || System.nanoTime() < end; i++) {
			String fault = (i < order.size()) ? order.get(i) : order.get((int) (Math.random() * order.size()));
			faults.get(fault).run();
			run.settle(500);
		}
		StalenessRun.Report report = run.judge();
		System.out.println("Staleness invariant: " + report);
		return report;
	}

	/**
	 * Kill the primary of a random key once its replica has every write (writes held back
	 * meanwhile, so that no acknowledged write is lost with it), wait for the cluster to
	 * promote the replica, and restart the old primary as a replica.
	 */
	private static void failOver(RedisDeployment redis, StalenessRun run) {
		RedisNode primary = primary(redis, run);
		run.withoutWrites(() -> {
			await().atMost(Duration.ofSeconds(10)).until(() -> replicated(primary));
			primary.kill();
		});
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> run.keys().stream().noneMatch((key) -> redis.primaryFor("products::" + key) == primary));
		primary.restart();
	}

	private static boolean replicated(RedisNode primary) {
		String info = primary.call((commands) -> commands.info("replication"));
		long offset = field(info, "master_repl_offset:");
		return info.lines()
			.filter((line) -> line.startsWith("slave0:"))
			.anyMatch((line) -> line.contains("offset=" + offset + ","));
	}

	private static long field(String info, String name) {
		return info.lines()
			.filter((line) -> line.startsWith(name))
			.mapToLong((line) -> Long.parseLong(line.substring(name.length()).trim()))
			.findFirst()
			.orElse(-1);
	}

	private static RedisNode primary(RedisDeployment redis, StalenessRun run) {
		List<String> keys = run.keys();
		return redis.primaryFor("products::" + keys.get((int) (Math.random() * keys.size())));
	}

	private static List<String> keysOf(RedisDeployment redis, RedisNode primary, StalenessRun run) {
		return run.keys().stream().filter((key) -> redis.primaryFor("products::" + key) == primary).toList();
	}

	private static void hold() {
		long until = System.nanoTime() + HELD.toNanos();
		await().atMost(HELD.multipliedBy(5)).until(() -> System.nanoTime() > until);
	}

}
