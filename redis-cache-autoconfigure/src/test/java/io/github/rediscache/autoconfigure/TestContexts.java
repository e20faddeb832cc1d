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

import io.github.rediscache.autoconfigure.app.CatalogueConfiguration;
import io.github.rediscache.embedded.RedisDeployment;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.actuate.autoconfigure.data.redis.RedisHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts as a user's application gets them: Boot's Redis, cache, SSL and
 * metrics auto-configuration with redis-cache's, and the user's cached service.
 */
final class TestContexts {

	static final String APPLICATION_PACKAGE = "io.github.rediscache.autoconfigure.app";

	private TestContexts() {
	}

	static ApplicationContextRunner withoutRedis() {
		return new ApplicationContextRunner()
			.withInitializer((context) -> AutoConfigurationPackages
				.register((BeanDefinitionRegistry) context.getBeanFactory(), APPLICATION_PACKAGE))
			.withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, SslAutoConfiguration.class,
					CacheAutoConfiguration.class, RedisCacheAutoConfiguration.class, CacheAsideAutoConfiguration.class,
					RedisCacheMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					CacheMetricsAutoConfiguration.class, RedisCacheHealthAutoConfiguration.class,
					JacksonAutoConfiguration.class, HealthContributorAutoConfiguration.class,
					RedisHealthContributorAutoConfiguration.class))
			.withUserConfiguration(CatalogueConfiguration.class)
			.withPropertyValues("redis-cache.report.enabled=false");
	}

	static ApplicationContextRunner with(RedisDeployment redis) {
		return withoutRedis().withPropertyValues(redis.springBootProperties()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

}
