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
package io.github.rediscache.stampede;

import io.github.rediscache.observation.CacheObservations;

/**
 * How a caller that missed got its value, as far as the Redis lease is concerned.
 *
 * @author redis-cache authors
 */
public enum LeaseOutcome {

	/** The caller took the lease and loaded. */
	ACQUIRED,

	/** The caller waited for another holder and took the value it stored. */
	WAITED,

	/** The caller waited up to the limit and then loaded without the lease. */
	WAIT_TIMED_OUT,

	/** Redis could not be asked for the lease, so the caller loaded without it. */
	UNAVAILABLE;

	/**
	 * Return how a caller's wait for another instance's load ended, as the lease-wait
	 * observation tags it.
	 * @return the {@code outcome} tag of the wait
	 */
	String waitOutcome() {
		return switch (this) {
			case ACQUIRED -> CacheObservations.ACQUIRED;
			case WAITED -> CacheObservations.SERVED;
			case WAIT_TIMED_OUT -> CacheObservations.TIMED_OUT;
			case UNAVAILABLE -> CacheObservations.UNAVAILABLE;
		};
	}

}
