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

import io.github.rediscache.cache.ResilientRedisCacheManager;

import org.springframework.boot.actuate.autoconfigure.data.redis.RedisHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.data.redis.RedisReactiveHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Replaces Spring Boot's Redis health contributor with one that reports a cache outage as
 * {@code DEGRADED} rather than {@code DOWN}; see {@link RedisCacheHealthIndicator}.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(after = RedisCacheAutoConfiguration.class,
		before = { RedisHealthContributorAutoConfiguration.class,
				RedisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ResilientRedisCacheManager.class)
@ConditionalOnEnabledHealthIndicator("redis")
public class RedisCacheHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "redisHealthIndicator", "redisHealthContributor" })
	HealthIndicator redisHealthContributor(ResilientRedisCacheManager cacheManager) {
		return new RedisCacheHealthIndicator(cacheManager.health());
	}

}
