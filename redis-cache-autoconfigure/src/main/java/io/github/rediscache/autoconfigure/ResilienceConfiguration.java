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

import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.rediscache.resilience.RedisGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The guard around every Redis call the caches make: Resilience4j circuit breakers, one
 * per cluster shard, when Resilience4j is present and {@code redis-cache.resilience} is
 * enabled; otherwise a guard that falls back without a breaker. The two are exclusive by
 * their conditions. The breaker configuration and the guard are beans a user can replace.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(RedisConnectionFactory.class)
class ResilienceConfiguration {

	static final String CONFIG_BEAN = "redisCacheCircuitBreakerConfig";

	static final String GUARD_BEAN = "redisCacheGuard";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CircuitBreaker.class)
	@ConditionalOnProperty(prefix = "redis-cache.resilience", name = "enabled", matchIfMissing = true)
	static class CircuitBreakerGuardConfiguration {

		@Bean(CONFIG_BEAN)
		@ConditionalOnMissingBean(name = CONFIG_BEAN)
		CircuitBreakerConfig redisCacheCircuitBreakerConfig(RedisCacheSettings settings) {
			return CircuitBreakerRedisGuard.config(settings.resilience(), settings.commandTimeout());
		}

		/**
		 * The guard, with a registry of its own: not a {@link CircuitBreakerRegistry}
		 * bean, so that an application's Resilience4j (resilience4j-spring-boot3, its
		 * registry and {@code resilience4j.*} properties) is left as it is.
		 */
		@Bean(GUARD_BEAN)
		@ConditionalOnMissingBean(RedisGuard.class)
		CircuitBreakerRedisGuard redisCacheGuard(@Qualifier(CONFIG_BEAN) CircuitBreakerConfig circuitBreakerConfig,
				RedisConnectionFactory connectionFactory, RedisCacheSettings settings) {
			return CircuitBreakerRedisGuard.create(CircuitBreakerRegistry.of(circuitBreakerConfig), connectionFactory,
					settings.resilience().consecutiveFailuresToOpen());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(WithoutCircuitBreakers.class)
	static class FailSafeGuardConfiguration {

		@Bean(GUARD_BEAN)
		@ConditionalOnMissingBean(RedisGuard.class)
		RedisGuard redisCacheGuard() {
			return RedisGuard.failSafe();
		}

	}

	/**
	 * Resilience4j is missing or {@code redis-cache.resilience.enabled} is false.
	 */
	static class WithoutCircuitBreakers extends AnyNestedCondition {

		WithoutCircuitBreakers() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingClass("io.github.resilience4j.circuitbreaker.CircuitBreaker")
		static class Resilience4jMissing {

		}

		@ConditionalOnProperty(prefix = "redis-cache.resilience", name = "enabled", havingValue = "false")
		static class ResilienceDisabled {

		}

	}

}
