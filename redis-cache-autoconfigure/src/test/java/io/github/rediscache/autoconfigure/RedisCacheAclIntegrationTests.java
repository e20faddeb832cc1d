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

import java.util.List;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.report.StartupReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least-privilege ACL user documented in docs/production-guide.md, and a password
 * that must never appear in any output.
 */
@EmbeddedRedis(password = "admin-secret", configuration = RedisCacheAclIntegrationTests.CACHE_USER)
@ExtendWith(OutputCaptureExtension.class)
class RedisCacheAclIntegrationTests {

	static final String CANARY_PASSWORD = "canary-Pa55word-7f3e";

	static final String CACHE_USER = "user cache-app on >" + CANARY_PASSWORD
			+ " resetkeys ~app:* ~{app:* resetchannels -@all +get +set +del +unlink +scan +eval";

	@Test
	void leastPrivilegeUserRunsEveryCacheOperation(RedisDeployment redis) {
		runner(redis).run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			service.product(1);
			service.product(1);
			service.product(2);
			assertThat(service.loads()).isEqualTo(2);
			service.delete(1);
			service.product(1);
			assertThat(service.loads()).isEqualTo(3);
			assertThat(service.productSync(8).name()).isEqualTo("product-8");
			long leaseLeft = node(redis).call((commands) -> commands.exists("{app:products::sync-8}~lease"));
			assertThat(leaseLeft).as("lease released with EVAL").isZero();
			assertThat(service.productSync(8).name()).isEqualTo("product-8");
			assertThat(service.loads()).isEqualTo(4);
			service.session("s");
			service.deleteAll();
			List<String> keys = node(redis).keys("*");
			assertThat(keys).containsExactly("app:user-sessions::s");
			context.getBean(StartupReport.class).log();
		});
	}

	@Test
	void passwordNeverAppearsInLogsOrExceptions(RedisDeployment redis, CapturedOutput output) {
		runner(redis).withPropertyValues("redis-cache.caches.products.ttl=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure().toString()).doesNotContain(CANARY_PASSWORD);
		});
		runner(redis).withPropertyValues("logging.level.io.github.rediscache=DEBUG").run((context) -> {
			context.getBean(CatalogueService.class).product(5);
			context.getBean(StartupReport.class).log();
			assertThat(context.getBean(RedisCacheProperties.class).toString()).doesNotContain(CANARY_PASSWORD);
		});
		assertThat(output).contains("redis-cache start-up checks").doesNotContain(CANARY_PASSWORD);
	}

	private static ApplicationContextRunner runner(RedisDeployment redis) {
		RedisNode node = node(redis);
		return TestContexts.withoutRedis()
			.withPropertyValues("spring.data.redis.host=" + node.host(), "spring.data.redis.port=" + node.port(),
					"spring.data.redis.username=cache-app", "spring.data.redis.password=" + CANARY_PASSWORD,
					"redis-cache.key-prefix=app:", "redis-cache.report.enabled=true");
	}

	private static RedisNode node(RedisDeployment redis) {
		return redis.nodes().get(0);
	}

}
