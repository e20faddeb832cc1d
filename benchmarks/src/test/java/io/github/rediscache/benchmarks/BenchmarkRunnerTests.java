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

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run with tiny durations, so that the runner does not rot. It checks that every
 * scenario produces its rows and the guarantees that do not depend on timing; it does not
 * judge any timing.
 */
class BenchmarkRunnerTests {

	@Test
	void everyScenarioRunsAndReportsPlainBootBesideRedisCache() throws Exception {
		ResultTable table = BenchmarkRunner.run(0.05, false);
		List<String> scenarios = table.rows().stream().map((row) -> row[0]).distinct().toList();
		assertThat(scenarios).containsExactly("hit path", "near cache, standalone", "near cache, cluster 3 x 1",
				"bytes per entry", "stampede", "outage (server killed)", "hung server (SIGSTOP after 2 s of traffic)",
				"restart keeping data (10 @CachePut while down)", "failover (primary killed)",
				"departed node (hung primary replaced)");
		assertThat(row(table, "loader calls, sync=true")[3]).isEqualTo("1");
		// Every error and old-value row the run prints, not the first one found.
		List<String[]> mustBeZero = table.rows()
			.stream()
			.filter((row) -> row[1].startsWith("errors seen by callers") || row[1].startsWith("old values served"))
			.toList();
		assertThat(mustBeZero).extracting((row) -> row[0] + ": " + row[1])
			.contains("outage (server killed): errors seen by callers in 1 s down",
					"hung server (SIGSTOP after 2 s of traffic): errors seen by callers in 1 s hung",
					"restart keeping data (10 @CachePut while down): old values served after it",
					"failover (primary killed): errors seen by callers",
					"departed node (hung primary replaced): errors seen by callers");
		assertThat(mustBeZero).allSatisfy((row) -> assertThat(row[3]).as(row[0] + ": " + row[1]).isEqualTo("0"));
		assertThat(table.toMarkdown()).startsWith("| scenario | metric | plain Spring Boot | redis-cache |");
	}

	private static String[] row(ResultTable table, String metric) {
		return table.rows().stream().filter((row) -> row[1].equals(metric)).findFirst().orElseThrow();
	}

}
