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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.report.StartupReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The ElastiCache rotation runbook on real Redis: the ACL user gets a second password,
 * the file is rewritten, the first password is removed and the connections are killed;
 * caching goes on without an error reaching a caller and without a restart.
 */
@EmbeddedRedis(configuration = "user app on >first-password ~* &* +@all")
class CredentialRotationIntegrationTests {

	private final RedisDeployment redis;

	private final RedisNode node;

	CredentialRotationIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
	}

	@Test
	void aRotatedPasswordIsPickedUpOnReconnectWithoutARestart(@TempDir Path secrets) throws Exception {
		Path passwordFile = Files.writeString(secrets.resolve("redis-password"), "first-password\n");
		TestContexts.with(this.redis)
			.withPropertyValues("spring.data.redis.username=app", "spring.data.redis.password=unused",
					"redis-cache.client.password-file=" + passwordFile)
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				service.product(1);
				assertThat(service.product(1).id()).isEqualTo(1);
				assertThat(service.loads()).as("cached with the first password").isEqualTo(1);
				this.node.call((commands) -> commands.aclSetuser("app",
						io.lettuce.core.AclSetuserArgs.Builder.addPassword("second-password")));
				Files.writeString(passwordFile, "second-password");
				this.node.call((commands) -> commands.aclSetuser("app",
						io.lettuce.core.AclSetuserArgs.Builder.removePassword("first-password")));
				this.node.call((commands) -> commands.clientKill(io.lettuce.core.KillArgs.Builder.user("app")));
				AtomicLong id = new AtomicLong(100);
				await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
					long fresh = id.incrementAndGet();
					int loads = service.loads();
					service.product(fresh);
					service.product(fresh);
					assertThat(service.loads()).as("cached again, with the second password").isEqualTo(loads + 1);
				});
				assertThat(this.node.<Long>call((commands) -> commands.exists("products::" + id.get()))).isOne();
			});
	}

	@Test
	void aPasswordFileAloneCountsAsAuthenticationInTheStartUpChecks(@TempDir Path secrets) throws Exception {
		Path passwordFile = Files.writeString(secrets.resolve("redis-password"), "first-password\n");
		TestContexts.with(this.redis)
			.withPropertyValues("spring.data.redis.username=app", "redis-cache.client.password-file=" + passwordFile,
					"redis-cache.report.enabled=true", "redis-cache.report.fail-on=no-auth")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(StartupReport.class).report().summary()).contains("authentication=on");
				assertThat(context.getBean(StartupReport.class).report().warnings())
					.noneSatisfy((warning) -> assertThat(warning).contains("no password"));
			});
	}

	@Test
	void aPasswordFileThatCannotBeReadStopsTheStartUpNamingTheProperty(@TempDir Path secrets) {
		TestContexts.with(this.redis)
			.withPropertyValues("redis-cache.client.password-file=" + secrets.resolve("missing"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidRedisCachePropertyException.class)
				.hasMessageContaining("redis-cache.client.password-file")
				.hasMessageContaining("missing"));
	}

}
