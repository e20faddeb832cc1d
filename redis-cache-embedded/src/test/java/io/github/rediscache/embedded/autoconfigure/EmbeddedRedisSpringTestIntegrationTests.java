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

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @EmbeddedRedis} on a Spring Boot test: the context talks to the class's
 * deployment with no property copied by hand.
 */
@EmbeddedRedis
@SpringBootTest(classes = EmbeddedRedisSpringTestIntegrationTests.RedisOnly.class)
class EmbeddedRedisSpringTestIntegrationTests {

	@Autowired
	StringRedisTemplate template;

	@Autowired
	RedisDeployment contextDeployment;

	@Autowired
	RedisConnectionDetails connectionDetails;

	@Test
	void theContextUsesTheDeploymentJUnitStartedForTheClass(RedisDeployment deployment) {
		assertThat(this.contextDeployment).isSameAs(deployment);
		assertThat(this.connectionDetails.getStandalone().getPort()).isEqualTo(deployment.nodes().get(0).port());
		this.template.opsForValue().set("greeting", "hello");
		assertThat(deployment.nodes().get(0).<String>call((commands) -> commands.get("greeting"))).isEqualTo("hello");
	}

	@Nested
	class NestedTests {

		@Test
		void aNestedClassSharesTheDeployment(RedisDeployment deployment) {
			assertThat(EmbeddedRedisSpringTestIntegrationTests.this.contextDeployment).isSameAs(deployment);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(RedisAutoConfiguration.class)
	static class RedisOnly {

	}

}
