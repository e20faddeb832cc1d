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
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that uses resilience4j-spring-boot3 keeps its own circuit breakers and
 * their {@code resilience4j.*} settings; the cache's breakers live apart.
 */
class Resilience4jCoexistenceTests {

	@Test
	void theApplicationsRegistryAndSettingsAreUntouched() {
		TestContexts.withoutRedis()
			.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class))
			.withPropertyValues("resilience4j.circuitbreaker.instances.payments.minimum-number-of-calls=7",
					"resilience4j.circuitbreaker.instances.payments.sliding-window-size=42")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(CircuitBreakerRegistry.class);
				CircuitBreakerRegistry application = context.getBean(CircuitBreakerRegistry.class);
				assertThat(application.circuitBreaker("payments").getCircuitBreakerConfig().getMinimumNumberOfCalls())
					.isEqualTo(7);
				assertThat(application.circuitBreaker("payments").getCircuitBreakerConfig().getSlidingWindowSize())
					.isEqualTo(42);
				CircuitBreakerRedisGuard guard = context.getBean(CircuitBreakerRedisGuard.class);
				assertThat(guard.registry()).isNotSameAs(application);
				assertThat(guard.breakerFor(null).getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(20);
				assertThat(application.getAllCircuitBreakers())
					.noneMatch((breaker) -> breaker.getName().startsWith(CircuitBreakerRedisGuard.DEFAULT_BREAKER));
			});
	}

}
