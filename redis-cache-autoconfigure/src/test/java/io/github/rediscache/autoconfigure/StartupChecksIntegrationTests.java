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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.report.StartupCheck;
import io.github.rediscache.report.StartupReport;
import io.github.rediscache.report.StartupReport.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The start-up checks against real deployments, with every host judged remote as a
 * production one would be: silent on a correct setup, one finding per problem otherwise,
 * and the eviction policy read where {@code CONFIG} is refused, as on ElastiCache.
 */
class StartupChecksIntegrationTests {

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, replicasPerPrimary = 2, tls = true, password = "s3cret-start-up",
			configuration = { "maxmemory 64mb", "maxmemory-policy allkeys-lfu" })
	class ProductionLikeCluster {

		@Test
		void aTlsClusterWithReplicasPasswordAndMemoryLimitHasNoFindings(RedisDeployment redis) {
			TestContexts.with(redis).run((context) -> {
				StartupReport.Report report = remoteReport(context).report();
				assertThat(report.summary()).contains("mode=cluster (3 shards)")
					.contains("tls=on")
					.contains("authentication=on")
					.contains("maxmemory-policy=allkeys-lfu")
					.doesNotContain("s3cret");
				assertThat(report.findings()).isEmpty();
			});
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, primaries = 2, replicasPerPrimary = 0)
	class SmallClusterWithoutReplicas {

		@Test
		void fewPrimariesWithoutReplicaAndAnUnprotectedUnlimitedHostAreFound(RedisDeployment redis) {
			TestContexts.with(redis)
				.run((context) -> assertThat(checks(remoteReport(context).report())).containsOnly(
						StartupCheck.NO_MAXMEMORY, StartupCheck.FEW_PRIMARIES, StartupCheck.PRIMARY_WITHOUT_REPLICA,
						StartupCheck.NO_TLS, StartupCheck.NO_AUTH));
		}

	}

	@Nested
	@EmbeddedRedis(configuration = { "maxmemory 64mb", "maxmemory-policy volatile-lru" })
	class VolatilePolicyOnLoopback {

		@Test
		void ttlLessCachesUnderAVolatilePolicyAndASlowTimeoutAreFound(RedisDeployment redis) {
			TestContexts.with(redis).run((context) -> {
				StartupReport report = new StartupReport(context.getBean(LettuceConnectionFactory.class),
						() -> Map.of("legacy", RedisCacheConfiguration.defaultCacheConfig()), Duration.ofSeconds(2));
				assertThat(checks(report.report())).containsOnly(StartupCheck.VOLATILE_WITHOUT_TTL,
						StartupCheck.SLOW_COMMAND_TIMEOUT, StartupCheck.CACHE_WITHOUT_TTL);
			});
		}

		@Test
		void aServerThatDoesNotAnswerIsFound() {
			LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", 1));
			nowhere.afterPropertiesSet();
			nowhere.start();
			try {
				assertThat(checks(new StartupReport(nowhere, Map::of, Duration.ofMillis(500)).report()))
					.containsOnly(StartupCheck.UNREACHABLE);
			}
			finally {
				nowhere.destroy();
			}
		}

	}

	@Nested
	@EmbeddedRedis(configuration = { "maxmemory 64mb", "maxmemory-policy allkeys-random",
			"user default on nopass ~* &* +@all -config" })
	class ConfigRefusedAsOnElastiCache {

		@Test
		void thePolicyIsReadFromInfoAndARandomPolicyIsFound(RedisDeployment redis) {
			assertThatException()
				.isThrownBy(() -> redis.nodes().get(0).call((commands) -> commands.configGet("maxmemory-policy")))
				.withMessageContaining("NOPERM");
			TestContexts.with(redis).run((context) -> {
				StartupReport.Report report = remoteReport(context).report();
				assertThat(report.summary()).contains("maxmemory-policy=allkeys-random");
				assertThat(checks(report)).contains(StartupCheck.RANDOM_EVICTION, StartupCheck.REMOTE_STANDALONE);
			});
		}

	}

	@Nested
	@EmbeddedRedis(configuration = { "maxmemory 64mb", "maxmemory-policy allkeys-lru",
			"user cache-app on >cache-secret ~* &* +@all -info -config" })
	class InfoRefusedToTheApplicationsUser {

		@Test
		void whatARefusedCommandLeavesUnknownIsReportedAsAPermissionNotAsUnreachable(RedisDeployment redis) {
			TestContexts.with(redis)
				.withPropertyValues("spring.data.redis.username=cache-app", "spring.data.redis.password=cache-secret")
				.run((context) -> {
					StartupReport.Report report = remoteReport(context).report();
					assertThat(report.summary())
						.contains("maxmemory-policy=unknown (permission: INFO refused; allow +info)")
						.contains("mode=standalone");
					assertThat(checks(report)).doesNotContain(StartupCheck.UNREACHABLE, StartupCheck.REMOTE_STANDALONE);
				});
		}

	}

	@Nested
	@EmbeddedRedis(configuration = { "maxmemory 64mb", "maxmemory-policy allkeys-lru" })
	class ReplicationGroup {

		@Test
		void aPrimaryWithTwoReplicasIsAReplicationGroupAndWithOneTooFew(RedisDeployment redis) {
			RedisNode primary = redis.nodes().get(0);
			try (RedisDeployment first = RedisDeployment.standalone().start();
					RedisDeployment second = RedisDeployment.standalone().start()) {
				replicate(first, primary);
				awaitReplicas(primary, 1);
				TestContexts.with(redis).run((context) -> {
					StartupReport.Report report = remoteReport(context).report();
					assertThat(report.summary()).contains("mode=replication group (1 primary, 1 replica)");
					assertThat(checks(report)).contains(StartupCheck.FEW_REPLICAS)
						.doesNotContain(StartupCheck.REMOTE_STANDALONE);
				});
				replicate(second, primary);
				awaitReplicas(primary, 2);
				TestContexts.with(redis).run((context) -> {
					StartupReport.Report report = remoteReport(context).report();
					assertThat(report.summary()).contains("mode=replication group (1 primary, 2 replicas)");
					assertThat(checks(report)).doesNotContain(StartupCheck.FEW_REPLICAS, StartupCheck.REMOTE_STANDALONE,
							StartupCheck.PRIMARY_WITHOUT_REPLICA);
				});
			}
		}

		@Test
		void aPrimaryWithoutReplicaIsAStandaloneServer(RedisDeployment redis) {
			TestContexts.with(redis)
				.run((context) -> assertThat(checks(remoteReport(context).report()))
					.contains(StartupCheck.REMOTE_STANDALONE)
					.doesNotContain(StartupCheck.FEW_REPLICAS));
		}

		private void replicate(RedisDeployment replica, RedisNode primary) {
			replica.nodes().get(0).call((commands) -> commands.replicaof(primary.host(), primary.port()));
		}

		private void awaitReplicas(RedisNode primary, int replicas) {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> primary.<String>call((commands) -> commands.info("replication"))
					.contains("connected_slaves:" + replicas));
		}

	}

	@Test
	void aHostThatDoesNotResolveIsReportedAsADnsProblem() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("no-such-cache.invalid", 6379));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			StartupReport.Report report = new StartupReport(nowhere, Map::of, Duration.ofMillis(500), (host) -> true)
				.report();
			assertThat(report.findings()).extracting(Finding::check).contains(StartupCheck.UNREACHABLE);
			assertThat(report.warnings().get(0)).contains("no-such-cache.invalid does not resolve (DNS)");
			assertThat(report.summary()).contains("maxmemory-policy=unknown (Redis not reachable)")
				.doesNotContain("allow +info");
		}
		finally {
			nowhere.destroy();
		}
	}

	private static StartupReport remoteReport(AssertableApplicationContext context) {
		return new StartupReport(context.getBean(LettuceConnectionFactory.class), Map::of, Duration.ofMillis(500),
				(host) -> true);
	}

	private static List<StartupCheck> checks(StartupReport.Report report) {
		return report.findings().stream().map(Finding::check).toList();
	}

}
