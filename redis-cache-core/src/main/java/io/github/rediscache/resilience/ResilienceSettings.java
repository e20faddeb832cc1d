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

import java.time.Duration;

import io.github.rediscache.settings.Require;

import org.springframework.lang.Nullable;

/**
 * How the circuit breakers around Redis calls judge Redis, sized for a cache rather than
 * Resilience4j's defaults (which count a call slow after 60 s), and how many evictions a
 * cache remembers during an outage.
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens a
 * breaker
 * @param slowCallRateThreshold percentage of slow calls in the window that opens a
 * breaker
 * @param slowCallDurationThreshold above it a call is slow; {@code null} for 80 % of the
 * command timeout
 * @param slidingWindow length of the time-based window the rates are computed over
 * @param minimumNumberOfCalls calls in the window before rates are judged
 * @param waitInOpenState how long an open breaker stays open before probe calls
 * @param permittedCallsInHalfOpenState probe calls let through by a half-open breaker
 * @param consecutiveFailuresToOpen failed or slow calls in a row that open a breaker
 * whatever the rates over its window
 * @param maxPendingEvictionsPerCache evictions a cache remembers for replay during an
 * outage before it turns them into a clear
 * @author redis-cache authors
 */
public record ResilienceSettings(float failureRateThreshold, float slowCallRateThreshold,
		@Nullable Duration slowCallDurationThreshold, Duration slidingWindow, int minimumNumberOfCalls,
		Duration waitInOpenState, int permittedCallsInHalfOpenState, int consecutiveFailuresToOpen,
		int maxPendingEvictionsPerCache) {

	/**
	 * Open at 50 % failed or slow calls over 10 s once 20 calls were made (slow above 80
	 * % of the command timeout), or at 3 failed or slow calls in a row; open for 5 s, 3
	 * probes; 10,000 pending evictions per cache.
	 */
	public static final ResilienceSettings DEFAULTS = new ResilienceSettings(50, 50, null, Duration.ofSeconds(10), 20,
			Duration.ofSeconds(5), 3, 3, 10000);

	/**
	 * Validate the settings.
	 * @param failureRateThreshold above 0, at most 100
	 * @param slowCallRateThreshold above 0, at most 100
	 * @param slowCallDurationThreshold a positive duration or {@code null}
	 * @param slidingWindow at least one second
	 * @param minimumNumberOfCalls at least 1
	 * @param waitInOpenState a positive duration
	 * @param permittedCallsInHalfOpenState at least 1
	 * @param consecutiveFailuresToOpen at least 1
	 * @param maxPendingEvictionsPerCache at least 1
	 */
	public ResilienceSettings {
		Require.percentage("failure-rate-threshold", failureRateThreshold, 1, 100);
		Require.percentage("slow-call-rate-threshold", slowCallRateThreshold, 1, 100);
		if (slowCallDurationThreshold != null) {
			Require.positive("slow-call-duration-threshold", slowCallDurationThreshold);
		}
		Require.atLeast("sliding-window",
				(int) Math.min(Integer.MAX_VALUE, Require.positive("sliding-window", slidingWindow).toSeconds()), 1,
				"Set a window such as 10s.");
		Require.atLeast("minimum-number-of-calls", minimumNumberOfCalls, 1, "Set a number of calls such as 20.");
		Require.positive("wait-in-open-state", waitInOpenState);
		Require.atLeast("permitted-calls-in-half-open-state", permittedCallsInHalfOpenState, 1,
				"Set a number of probe calls such as 3.");
		Require.atLeast("consecutive-failures-to-open", consecutiveFailuresToOpen, 1,
				"Set a number of calls such as 3.");
		Require.atLeast("max-pending-evictions-per-cache", maxPendingEvictionsPerCache, 1,
				"Set a bound such as 10000.");
	}

}
