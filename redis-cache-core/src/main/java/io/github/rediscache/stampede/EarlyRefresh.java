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

import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * Probabilistic early expiration (XFetch; Vattani, Chierichetti and Lowenstein, "Optimal
 * Probabilistic Cache Stampede Prevention", VLDB 2015): a read refreshes an entry before
 * it expires when {@code now - delta * beta * ln(random) >= expiry}, where {@code delta}
 * is how long the entry took to load. Entries that are slow to load and close to expiry
 * are refreshed first, and with many readers one of them refreshes shortly before the
 * expiry instead of all of them missing at once.
 *
 * @author redis-cache authors
 */
final class EarlyRefresh {

	/**
	 * The largest {@code -ln(1 - random)} a draw in [0, 1) gives: {@code 1 - random} is
	 * at least 2^-53, so {@code -ln} of it is at most 53 ln 2 = 36.74.
	 */
	static final double LARGEST_GAP_FACTOR = 53 * Math.log(2);

	private final Clock clock;

	private final DoubleSupplier random;

	/**
	 * Create the policy.
	 * @param clock the clock that expiry times are read against
	 * @param random uniform numbers in [0, 1)
	 */
	EarlyRefresh(Clock clock, DoubleSupplier random) {
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Decide whether this read should refresh the entry.
	 * @param loadMillis how long the entry took to load
	 * @param expiresAtMillis when the entry expires, in epoch milliseconds
	 * @param beta the eagerness: 1.0 is the optimum of the paper, larger refreshes
	 * earlier
	 * @return whether to refresh now
	 */
	boolean shouldRefresh(long loadMillis, long expiresAtMillis, double beta) {
		return shouldRefresh(loadMillis, expiresAtMillis, beta, this.clock.millis());
	}

	/**
	 * Decide whether this read should refresh the entry, at a time the caller read from
	 * the same clock.
	 * @param loadMillis how long the entry took to load
	 * @param expiresAtMillis when the entry expires, in epoch milliseconds
	 * @param beta the eagerness
	 * @param now the time of the read, in epoch milliseconds
	 * @return whether to refresh now
	 */
	boolean shouldRefresh(long loadMillis, long expiresAtMillis, double beta, long now) {
		if (loadMillis <= 0 || expiresAtMillis <= 0) {
			return false;
		}
		if (now + loadMillis * beta * LARGEST_GAP_FACTOR < expiresAtMillis) {
			// Not even the luckiest draw refreshes yet: no draw, as on most hits.
			return false;
		}
		double draw = 1.0 - this.random.getAsDouble();
		double gap = -loadMillis * beta * Math.log(draw);
		return now + gap >= expiresAtMillis;
	}

}
