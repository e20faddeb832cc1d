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
package io.github.rediscache.embedded.autoconfigure;

import java.util.concurrent.atomic.AtomicLong;

import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedRedisAutoConfigurationIntegrationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(EmbeddedRedisAutoConfiguration.class, RedisAutoConfiguration.class, SslAutoConfiguration.class));

	@Test
	void startsNothingUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisDeployment.class));
	}

	@Test
	void connectsSpringBootToAnEmbeddedStandaloneServerAndStopsItWithTheContext() {
		AtomicLong pid = new AtomicLong();
		this.runner
			.withPropertyValues("redis-cache.embedded.enabled=true", "redis-cache.embedded.topology=standalone",
					"spring.data.redis.host=unreachable.invalid")
			.run((context) -> {
				RedisDeployment deployment = context.getBean(RedisDeployment.class);
				pid.set(deployment.nodes().get(0).pid());
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				template.opsForValue().set("greeting", "hello");
				assertThat(deployment.nodes().get(0).<String>call((commands) -> commands.get("greeting")))
					.isEqualTo("hello");
			});
		assertThat(ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
	}

	@Test
	void connectsSpringBootToAnEmbeddedTlsClusterWithHostnameVerification() {
		this.runner
			.withPropertyValues("redis-cache.embedded.enabled=true", "redis-cache.embedded.topology=cluster",
					"redis-cache.embedded.tls=true")
			.run((context) -> {
				RedisDeployment deployment = context.getBean(RedisDeployment.class);
				assertThat(deployment.isCluster()).isTrue();
				assertThat(deployment.nodes()).hasSize(6);
				assertThat(context.getBean(RedisConnectionFactory.class).getClusterConnection().clusterGetNodes())
					.hasSize(6);
				StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
				for (int i = 0; i < 30; i++) {
					template.opsForValue().set("key-" + i, "value-" + i);
				}
				for (int i = 0; i < 30; i++) {
					assertThat(template.opsForValue().get("key-" + i)).isEqualTo("value-" + i);
				}
			});
	}

}
