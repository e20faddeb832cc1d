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

import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.rediscache.resilience.RedisGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceAutoConfigurationTests {

	@Test
	void breakerDefaultsAreSizedForACache() {
		TestContexts.withoutRedis().run((context) -> {
			assertThat(context.getBean(RedisGuard.class)).isInstanceOf(CircuitBreakerRedisGuard.class);
			CircuitBreakerConfig config = context.getBean("redisCacheCircuitBreakerConfig", CircuitBreakerConfig.class);
			assertThat(config.getSlidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
			assertThat(config.getSlidingWindowSize()).isEqualTo(10);
			assertThat(config.getMinimumNumberOfCalls()).isEqualTo(20);
			assertThat(config.getFailureRateThreshold()).isEqualTo(50);
			assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofMillis(400));
			assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
			assertThat(config.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
			assertThat(context).hasSingleBean(CachingConfigurer.class);
		});
	}

	@Test
	void slowCallThresholdFollowsBootsCommandTimeout() {
		TestContexts.withoutRedis()
			.withPropertyValues("spring.data.redis.timeout=1s")
			.run((context) -> assertThat(context.getBean("redisCacheCircuitBreakerConfig", CircuitBreakerConfig.class)
				.getSlowCallDurationThreshold()).isEqualTo(Duration.ofMillis(800)));
	}

	@Test
	void userBreakerConfigurationReplacesOurs() {
		TestContexts.withoutRedis().withUserConfiguration(UserBreakerConfiguration.class).run((context) -> {
			assertThat(context.getBean("redisCacheCircuitBreakerConfig", CircuitBreakerConfig.class)
				.getMinimumNumberOfCalls()).isEqualTo(7);
			assertThat(context.getBean(CircuitBreakerRedisGuard.class)
				.breakerFor(null)
				.getCircuitBreakerConfig()
				.getMinimumNumberOfCalls()).isEqualTo(7);
		});
	}

	@Test
	void withoutResilience4jCallsStillFallBackWithoutABreaker() {
		TestContexts.withoutRedis()
			.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ResilientRedisCacheManager.class);
				assertThat(context.getBean(RedisGuard.class)).isNotInstanceOf(CircuitBreakerRedisGuard.class);
				assertThat(context).doesNotHaveBean("redisCacheCircuitBreakerRegistry");
			});
	}

	@Test
	void resilienceCanBeSwitchedOff() {
		TestContexts.withoutRedis()
			.withPropertyValues("redis-cache.resilience.enabled=false")
			.run((context) -> assertThat(context.getBean(RedisGuard.class))
				.isNotInstanceOf(CircuitBreakerRedisGuard.class));
	}

	@Test
	void userCachingConfigurerIsLeftAlone() {
		TestContexts.withoutRedis()
			.withUserConfiguration(UserCachingConfigurer.class)
			.run((context) -> assertThat(context).hasSingleBean(CachingConfigurer.class)
				.hasBean("userCachingConfigurer"));
	}

	@Test
	void degradedRedisNeverMakesTheApplicationDown() {
		HttpCodeStatusMapper http = new SimpleHttpCodeStatusMapper();
		Status byDefault = new SimpleStatusAggregator().getAggregateStatus(Status.UP,
				RedisCacheHealthIndicator.DEGRADED);
		assertThat(byDefault).isEqualTo(Status.UP);
		assertThat(http.getStatusCode(RedisCacheHealthIndicator.DEGRADED)).isEqualTo(200);
		// With
		// management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown
		Status ordered = new SimpleStatusAggregator("down", "out-of-service", "degraded", "up", "unknown")
			.getAggregateStatus(Status.UP, RedisCacheHealthIndicator.DEGRADED);
		assertThat(ordered).isEqualTo(RedisCacheHealthIndicator.DEGRADED);
		assertThat(http.getStatusCode(ordered)).isEqualTo(200);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBreakerConfiguration {

		@Bean
		CircuitBreakerConfig redisCacheCircuitBreakerConfig() {
			return CircuitBreakerConfig.custom().minimumNumberOfCalls(7).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCachingConfigurer {

		@Bean
		CachingConfigurer userCachingConfigurer() {
			return new CachingConfigurer() {
			};
		}

	}

}
