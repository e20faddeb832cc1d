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
package io.github.rediscache.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.rediscache.report.StartupReport.Finding;
import io.github.rediscache.report.StartupReport.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Judging what the checks found, one finding per problem, each with its fix.
 */
class StartupReportTests {

	private static final ServerFacts PRODUCTION = new ServerFacts(true, 3, 0, 2, "allkeys-lru", 6_000_000_000L, true,
			true, List.of("clustercfg.cache.abc.use1.cache.amazonaws.com"), true, null, Map.of(), List.of(),
			Duration.ofMillis(500));

	@Test
	void aProductionReadyClusterHasNoFindings() {
		Report report = StartupReport.compose(PRODUCTION);
		assertThat(report.summary()).isEqualTo(
				"redis-cache start-up checks: mode=cluster (3 shards), tls=on, authentication=on, maxmemory-policy=allkeys-lru");
		assertThat(report.findings()).isEmpty();
	}

	@Test
	void evictionPoliciesThatFailWritesKeepTtlLessKeysOrEvictAtRandomAreFound() {
		assertThat(checks(policy("noeviction", List.of()))).containsExactly(StartupCheck.NOEVICTION);
		assertThat(checks(policy("volatile-lru", List.of()))).isEmpty();
		assertThat(checks(policy("volatile-lru", List.of("legacy")))).containsExactly(StartupCheck.VOLATILE_WITHOUT_TTL,
				StartupCheck.CACHE_WITHOUT_TTL);
		assertThat(checks(policy("allkeys-random", List.of()))).containsExactly(StartupCheck.RANDOM_EVICTION);
		assertThat(checks(policy("volatile-random", List.of()))).containsExactly(StartupCheck.RANDOM_EVICTION);
		assertThat(checks(policy("allkeys-lfu", List.of()))).isEmpty();
	}

	@Test
	void aRemoteTopologyWithoutFailoverIsFound() {
		assertThat(checks(new ServerFacts(false, 1, 1, 0, "allkeys-lru", 1L, true, true, List.of("cache.internal"),
				true, null, Map.of(), List.of(), Duration.ofMillis(500))))
			.containsExactly(StartupCheck.REMOTE_STANDALONE);
		assertThat(checks(new ServerFacts(true, 2, 2, 0, "allkeys-lru", 1L, true, true, List.of("cache.internal"), true,
				null, Map.of(), List.of(), Duration.ofMillis(500))))
			.containsExactly(StartupCheck.FEW_PRIMARIES, StartupCheck.PRIMARY_WITHOUT_REPLICA);
	}

	@Test
	void aReplicationGroupIsNotAStandaloneServerAndFewerThanTwoReplicasAreFound() {
		Report twoReplicas = StartupReport.compose(new ServerFacts(false, 1, 0, 2, "allkeys-lru", 1L, true, true,
				List.of("master.cache.internal"), true, null, Map.of(), List.of(), Duration.ofMillis(500)));
		assertThat(twoReplicas.summary()).contains("mode=replication group (1 primary, 2 replicas)");
		assertThat(twoReplicas.findings()).isEmpty();
		assertThat(checks(new ServerFacts(false, 1, 0, 1, "allkeys-lru", 1L, true, true,
				List.of("master.cache.internal"), true, null, Map.of(), List.of(), Duration.ofMillis(500))))
			.containsExactly(StartupCheck.FEW_REPLICAS);
		assertThat(checks(new ServerFacts(true, 3, 0, 1, "allkeys-lru", 1L, true, true, List.of("cache.internal"), true,
				null, Map.of(), List.of(), Duration.ofMillis(500))))
			.containsExactly(StartupCheck.FEW_REPLICAS);
	}

	@Test
	void factsARefusedCommandLeavesUnknownAreNotReportedAsUnreachable() {
		Report report = StartupReport
			.compose(new ServerFacts(true, -1, -1, -1, null, -1, true, true, List.of("cache.internal"), true, null,
					Map.of("CLUSTER NODES", "permission", "INFO", "permission"), List.of(), Duration.ofMillis(500)));
		assertThat(report.summary()).contains("mode=cluster (shards unknown: CLUSTER NODES permission)")
			.contains("maxmemory-policy=unknown (permission: INFO refused; allow +info)");
		assertThat(report.findings()).isEmpty();
	}

	@Test
	void aRemoteHostWithoutTlsPasswordOrMemoryLimitIsFound() {
		Report report = StartupReport.compose(new ServerFacts(true, 3, 0, 2, "allkeys-lru", 0, false, false,
				List.of("cache.internal"), true, null, Map.of(), List.of(), Duration.ofMillis(500)));
		assertThat(report.findings()).extracting(Finding::check)
			.containsExactly(StartupCheck.NO_MAXMEMORY, StartupCheck.NO_TLS, StartupCheck.NO_AUTH);
		assertThat(report.warnings()).allSatisfy((warning) -> assertThat(warning).startsWith("redis-cache: "))
			.anySatisfy((warning) -> assertThat(warning).contains("cache.internal").contains("ssl.enabled=true"));
	}

	@Test
	void aLoopbackRedisIsNotJudgedForProduction() {
		assertThat(checks(new ServerFacts(false, 1, 1, 0, "allkeys-lru", 0, false, false,
				List.of("localhost", "127.0.0.1", "::1"), false, null, Map.of(), List.of(), Duration.ofMillis(500))))
			.isEmpty();
	}

	@Test
	void aCommandTimeoutAboveHalfASecondAndAnUnreachableServerAreFound() {
		Report report = StartupReport
			.compose(new ServerFacts(false, 1, -1, -1, null, -1, false, false, List.of("127.0.0.1"), false,
					"RedisConnectionFailureException", Map.of(), List.of(), Duration.ofSeconds(60)));
		assertThat(report.findings()).extracting(Finding::check)
			.containsExactly(StartupCheck.UNREACHABLE, StartupCheck.SLOW_COMMAND_TIMEOUT);
		assertThat(report.summary()).contains("maxmemory-policy=unknown (Redis not reachable)");
		assertThat(report.warnings().get(1)).contains("PT1M").contains("spring.data.redis.timeout");
	}

	@Test
	void checksAreNamedAsInProperties() {
		assertThat(StartupCheck.NO_TLS.propertyName()).isEqualTo("no-tls");
		assertThat(StartupCheck.PRIMARY_WITHOUT_REPLICA.propertyName()).isEqualTo("primary-without-replica");
	}

	private static ServerFacts policy(String policy, List<String> cachesWithoutTtl) {
		return new ServerFacts(true, 3, 0, 2, policy, 1L, true, true, PRODUCTION.hosts(), true, null, Map.of(),
				cachesWithoutTtl, Duration.ofMillis(500));
	}

	private static List<StartupCheck> checks(ServerFacts facts) {
		return StartupReport.compose(facts).findings().stream().map(Finding::check).toList();
	}

}
