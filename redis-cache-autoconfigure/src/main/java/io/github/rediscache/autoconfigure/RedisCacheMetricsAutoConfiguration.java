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

import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.metrics.CircuitBreakerMeters;
import io.github.rediscache.metrics.ConnectionMeters;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;
import org.springframework.boot.actuate.metrics.cache.CacheMetricsRegistrar;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters for redis-cache's caches: Spring Boot's cache meters for every cache,
 * including those created at run time, and counters of the events callers never see.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(
		after = { RedisCacheAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class },
		before = CacheMetricsAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, CacheMeterBinderProvider.class })
@ConditionalOnBean({ ResilientRedisCacheManager.class, MeterRegistry.class })
public class RedisCacheMetricsAutoConfiguration {

	/** Tag value Spring Boot gives meters of caches of the {@code cacheManager} bean. */
	private static final Tag CACHE_MANAGER_TAG = Tag.of("cache.manager", "cacheManager");

	@Bean
	@ConditionalOnMissingBean
	CacheEventListener micrometerCacheEventListener(MeterRegistry registry,
			ObjectProvider<CacheMetricsRegistrar> registrar) {
		return new MicrometerCacheEventListener(registry, (cache) -> registrar
			.ifAvailable((available) -> available.bindCacheToRegistry(cache, CACHE_MANAGER_TAG)));
	}

	@Bean
	@ConditionalOnBean(ClientResources.class)
	ConnectionMeters redisClientConnectionMeters(ClientResources clientResources) {
		return new ConnectionMeters(clientResources);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.resilience4j.circuitbreaker.CircuitBreaker")
	@ConditionalOnBean(CircuitBreakerRedisGuard.class)
	static class BreakerMetersConfiguration {

		@Bean
		CircuitBreakerMeters redisCacheCircuitBreakerMeters(CircuitBreakerRedisGuard guard,
				ResilientRedisCacheManager cacheManager) {
			return new CircuitBreakerMeters(guard.registry(), cacheManager.pendingInvalidations());
		}

	}

	/**
	 * resilience4j's standard meters ({@code resilience4j.circuitbreaker.state},
	 * {@code .calls}, {@code .failure.rate}, ...) for the cache's breakers, so that the
	 * dashboards and alerts resilience4j users have see them. The breakers live in the
	 * guard's own registry, apart from the application's, and are named
	 * {@code redis-cache} and {@code redis-cache-<host:port>}, so their meters cannot be
	 * taken for an application breaker's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.github.resilience4j.circuitbreaker.CircuitBreaker",
			"io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics" })
	@ConditionalOnBean(CircuitBreakerRedisGuard.class)
	static class Resilience4jMetersConfiguration {

		@Bean
		MeterBinder redisCacheResilience4jCircuitBreakerMeters(CircuitBreakerRedisGuard guard) {
			return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guard.registry());
		}

	}

}
