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

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health as Spring Boot's health endpoint reports it, with Redis up and down: the cache's
 * own {@code redisCache} contributor degrades; Spring Boot's strict {@code redis}
 * contributor is there only when the application asks for it.
 */
@EmbeddedRedis
class RedisHealthIntegrationTests {

	private final ApplicationContextRunner runner;

	private final RedisNode node;

	RedisHealthIntegrationTests(RedisDeployment redis) {
		this.node = redis.nodes().get(0);
		this.runner = TestContexts.with(redis).withConfiguration(HealthEndpointContexts.autoConfigurations());
	}

	@AfterEach
	void restart() {
		if (!this.node.isRunning()) {
			this.node.restart();
		}
	}

	@Test
	void aCacheOnlyApplicationStaysUpWhileRedisIsDownAndShowsTheCacheDegraded() {
		this.runner.run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(component(endpoint, "redisCache").getStatus()).isEqualTo(Status.UP);
			assertThat(components(endpoint).getComponents()).doesNotContainKey("redis");
			this.node.kill();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> component(endpoint, "redisCache").getStatus().equals(RedisCacheHealthIndicator.DEGRADED));
			assertThat(endpoint.health().getStatus()).as("the application as a whole").isEqualTo(Status.UP);
		});
	}

	@Test
	void bootsStrictRedisContributorComesBackWithBootsOwnProperty() {
		this.runner.withPropertyValues("management.health.redis.enabled=true").run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(component(endpoint, "redis").getStatus()).isEqualTo(Status.UP);
			this.node.kill();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> component(endpoint, "redis").getStatus().equals(Status.DOWN));
			assertThat(component(endpoint, "redisCache").getStatus()).isEqualTo(RedisCacheHealthIndicator.DEGRADED);
			assertThat(endpoint.health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void aHealthGroupThatNamesRedisStartsAndReportsAsPlainBootDoes() {
		this.runner.withPropertyValues("management.endpoint.health.group.readiness.include=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
			assertThat(component(endpoint, "redisCache").getStatus()).isEqualTo(Status.UP);
			this.node.kill();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> endpoint.healthForPath("readiness").getStatus().equals(Status.DOWN));
			assertThat(component(endpoint, "redisCache").getStatus()).isEqualTo(RedisCacheHealthIndicator.DEGRADED);
		});
	}

	@Test
	void aHealthGroupListingRedisInYamlFormStarts() {
		this.runner
			.withPropertyValues("management.endpoint.health.group.custom.include[0]=redisCache",
					"management.endpoint.health.group.custom.include[1]=redis")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HealthEndpoint.class).healthForPath("custom", "redis").getStatus())
					.isEqualTo(Status.UP);
			});
	}

	@Test
	void aHealthGroupThatNamesOnlyTheCacheKeepsBootsContributorOut() {
		this.runner.withPropertyValues("management.endpoint.health.group.readiness.include=redisCache")
			.run((context) -> {
				HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
				assertThat(components(endpoint).getComponents()).doesNotContainKey("redis");
				this.node.kill();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> component(endpoint, "redisCache").getStatus()
						.equals(RedisCacheHealthIndicator.DEGRADED));
				assertThat(endpoint.healthForPath("readiness").getStatus()).isNotEqualTo(Status.DOWN);
				assertThat(endpoint.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	private static CompositeHealth components(HealthEndpoint endpoint) {
		return (CompositeHealth) endpoint.health();
	}

	private static HealthComponent component(HealthEndpoint endpoint, String name) {
		HealthComponent component = components(endpoint).getComponents().get(name);
		assertThat(component).as(name).isNotNull();
		return component;
	}

}
