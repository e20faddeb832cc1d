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
import org.springframework.context.annotation.Conditional;

/**
 * The cache's own health contributor, {@code redisCache}, which reports a cache outage as
 * {@code DEGRADED} (HTTP 200) rather than {@code DOWN}; see
 * {@link RedisCacheHealthIndicator}. Spring Boot's strict {@code redis} contributor is
 * left out unless the application names it ({@code management.health.redis.enabled=true},
 * or {@code redis} in a health group): for an application that uses Redis only as a
 * cache, a cache outage must not take every instance out of its load balancer.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(after = RedisCacheAutoConfiguration.class,
		before = { RedisHealthContributorAutoConfiguration.class,
				RedisReactiveHealthContributorAutoConfiguration.class })
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ResilientRedisCacheManager.class)
public class RedisCacheHealthAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("redis-cache")
	@ConditionalOnMissingBean(name = "redisCacheHealthIndicator")
	HealthIndicator redisCacheHealthIndicator(ResilientRedisCacheManager cacheManager) {
		return new RedisCacheHealthIndicator(cacheManager.health());
	}

	/**
	 * Takes the name Spring Boot's Redis health auto-configuration backs off from, so
	 * that its strict {@code redis} contributor is left out, unless the application asks
	 * for it: with {@code management.health.redis.enabled=true}, or by naming
	 * {@code redis} in a health group.
	 * @return the marker
	 */
	@Bean(name = "redisHealthContributor")
	@Conditional(OnCacheOnlyRedisHealthCondition.class)
	CacheOnlyRedisHealth cacheOnlyRedisHealth() {
		return new CacheOnlyRedisHealth();
	}

	/**
	 * Marks that Redis serves only the cache here, so its health is the cache's
	 * {@code redisCache} contributor alone.
	 */
	static final class CacheOnlyRedisHealth {

		@Override
		public String toString() {
			return "Spring Boot's redis health contributor is left out: Redis health is the redisCache contributor "
					+ "(set management.health.redis.enabled=true to add Boot's strict one)";
		}

	}

}
