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
package io.github.rediscache.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs each state change of every breaker of a registry once: a Redis outage is one WARN
 * when it starts and one INFO when it ends, not one line per call.
 *
 * @author redis-cache authors
 */
final class BreakerStateLogger {

	private static final Log logger = LogFactory.getLog(BreakerStateLogger.class);

	private BreakerStateLogger() {
	}

	/**
	 * Log the state changes of every breaker the registry has or will create.
	 * @param registry the registry
	 */
	static void attach(CircuitBreakerRegistry registry) {
		registry.getAllCircuitBreakers().forEach(BreakerStateLogger::attach);
		registry.getEventPublisher().onEntryAdded((event) -> attach(event.getAddedEntry()));
	}

	private static void attach(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition(BreakerStateLogger::log);
	}

	private static void log(CircuitBreakerOnStateTransitionEvent event) {
		CircuitBreaker.State to = event.getStateTransition().getToState();
		String message = "Redis circuit breaker '" + event.getCircuitBreakerName() + "' is now " + to;
		if (to == CircuitBreaker.State.OPEN) {
			logger.warn(message + ": Redis is not called; cache reads are misses served by the loaders, "
					+ "writes are skipped and invalidations are kept for replay");
		}
		else if (to == CircuitBreaker.State.CLOSED) {
			logger.info(message + ": Redis answers again; caching resumes");
		}
		else {
			logger.info(message);
		}
	}

}
