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

import io.github.rediscache.autoconfigure.CachedValueFidelityIntegrationTests.FidelityConfiguration;
import io.github.rediscache.autoconfigure.app.FidelityService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache serializes with a copy of the application's own Jackson mapper: its settings
 * apply, and a cache-only customizer ({@link JacksonGeneration}) changes the cache's copy
 * alone.
 */
@EmbeddedRedis
class ApplicationMapperIntegrationTests {

	private final RedisDeployment redis;

	private final RedisNode node;

	private final ApplicationContextRunner runner;

	ApplicationMapperIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
		this.runner = TestContexts.with(redis).withUserConfiguration(FidelityConfiguration.class);
	}

	@AfterEach
	void flush() {
		this.redis.flushAll();
	}

	@Test
	void theApplicationsMapperIsTheBaseAndTheCacheOnlyCustomizerAppliesToTheCacheAlone() {
		this.runner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE").run((context) -> {
			context.getBean(FidelityService.class).product(1);
			assertThat(stored("products::1")).contains("\"launch_date\":\"2026-01-31\"");
		});
		this.runner.withUserConfiguration(JacksonGeneration.KebabCaseInTheCacheOnly.class).run((context) -> {
			FidelityService service = context.getBean(FidelityService.class);
			Product product = service.product(2);
			assertThat(stored("products::2")).contains("\"launch-date\":\"2026-01-31\"");
			assertThat(service.product(2)).isEqualTo(product);
			assertThat(JacksonGeneration.applicationJson(context, product)).contains("\"launchDate\"");
		});
	}

	private String stored(String key) {
		return this.node.call((commands) -> commands.get(key));
	}

}
