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

import java.util.List;

import io.github.rediscache.report.StartupReport.Report;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupReportTests {

	@Test
	void productionReadyRedisHasNoWarnings() {
		Report report = StartupReport.compose("cluster (3 shards)", true, true,
				List.of("clustercfg.cache.abc.use1.cache.amazonaws.com"), "allkeys-lru", null, List.of());
		assertThat(report.summary()).isEqualTo(
				"redis-cache start-up checks: mode=cluster (3 shards), tls=on, authentication=on, maxmemory-policy=allkeys-lru");
		assertThat(report.warnings()).isEmpty();
	}

	@Test
	void remoteRedisWithoutTlsOrPasswordIsWarnedAbout() {
		Report report = StartupReport.compose("standalone", false, false, List.of("cache.internal"), "volatile-lru",
				null, List.of());
		assertThat(report.warnings()).hasSize(2)
			.anySatisfy((warning) -> assertThat(warning).contains("TLS is off").contains("cache.internal"))
			.anySatisfy((warning) -> assertThat(warning).contains("no password"));
	}

	@Test
	void loopbackRedisNeedsNeitherTlsNorPassword() {
		assertThat(StartupReport
			.compose("standalone", false, false, List.of("localhost", "127.0.0.1", "::1"), "allkeys-lru", null,
					List.of())
			.warnings()).isEmpty();
	}

	@Test
	void noevictionUnreachableAndEternalCachesAreWarnedAbout() {
		Report report = StartupReport.compose("standalone", false, false, List.of("127.0.0.1"), "noeviction",
				"RedisConnectionFailureException", List.of("legacy"));
		assertThat(report.warnings()).hasSize(3)
			.anySatisfy((warning) -> assertThat(warning).contains("noeviction"))
			.anySatisfy((warning) -> assertThat(warning).contains("not reachable"))
			.anySatisfy((warning) -> assertThat(warning).contains("cache 'legacy'"));
	}

}
