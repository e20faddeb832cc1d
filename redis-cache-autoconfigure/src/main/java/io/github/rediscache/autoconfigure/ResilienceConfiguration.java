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

import io.github.rediscache.autoconfigure.RedisCacheProperties.Resilience;
import io.github.rediscache.resilience.BreakerStateLogger;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.github.rediscache.resilience.ClusterShards;
import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.resilience.RedisGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Resilience4j circuit breakers around every Redis call the caches make, one per cluster
 * shard. The breaker configuration and registry are beans a user can replace by name.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(CircuitBreaker.class)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnProperty(prefix = "redis-cache.resilience", name = "enabled", matchIfMissing = true)
class ResilienceConfiguration {

	static final String CONFIG_BEAN = "redisCacheCircuitBreakerConfig";

	static final String REGISTRY_BEAN = "redisCacheCircuitBreakerRegistry";

	@Bean(CONFIG_BEAN)
	@ConditionalOnMissingBean(name = CONFIG_BEAN)
	CircuitBreakerConfig redisCacheCircuitBreakerConfig(RedisCacheProperties properties,
			ObjectProvider<RedisProperties> redisProperties) {
		Resilience resilience = properties.getResilience();
		RedisProperties redis = redisProperties.getIfAvailable();
		Duration commandTimeout = (redis != null && redis.getTimeout() != null) ? redis.getTimeout()
				: properties.getClient().getCommandTimeout();
		Duration slowCall = (resilience.getSlowCallDurationThreshold() != null)
				? resilience.getSlowCallDurationThreshold() : commandTimeout.multipliedBy(4).dividedBy(5);
		return CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.TIME_BASED)
			// Every cache call of every thread records into the breaker: no lock on the
			// hit path.
			.slidingWindowSynchronizationStrategy(SlidingWindowSynchronizationStrategy.LOCK_FREE)
			.slidingWindowSize((int) Math.max(1, resilience.getSlidingWindow().toSeconds()))
			.minimumNumberOfCalls(resilience.getMinimumNumberOfCalls())
			.failureRateThreshold(resilience.getFailureRateThreshold())
			.slowCallRateThreshold(resilience.getSlowCallRateThreshold())
			.slowCallDurationThreshold(slowCall)
			.waitDurationInOpenState(resilience.getWaitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(resilience.getPermittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.ignoreException((failure) -> FallbackReason.of(failure) == FallbackReason.OOM)
			.build();
	}

	@Bean(REGISTRY_BEAN)
	@ConditionalOnMissingBean(name = REGISTRY_BEAN)
	CircuitBreakerRegistry redisCacheCircuitBreakerRegistry(
			@Qualifier(CONFIG_BEAN) CircuitBreakerConfig circuitBreakerConfig) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(circuitBreakerConfig);
		BreakerStateLogger.attach(registry);
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	RedisGuard redisCacheGuard(@Qualifier(REGISTRY_BEAN) CircuitBreakerRegistry registry,
			RedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware()) {
			ClusterShards shards = new ClusterShards(lettuce);
			return new CircuitBreakerRedisGuard(registry, shards, shards::refreshTopology);
		}
		return new CircuitBreakerRedisGuard(registry);
	}

}
