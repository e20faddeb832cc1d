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

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How one cache protects its loader from stampedes.
 *
 * @param leaseEnabled whether instances coordinate through a per-key lease in Redis
 * @param leaseTime how long a lease lives unless released; longer than a typical load
 * @param leaseWait how long a caller waits for another instance's load before loading
 * itself
 * @param earlyRefresh whether entries are refreshed before they expire (XFetch)
 * @param earlyRefreshBeta the eagerness of early refresh; 1.0 is the optimum of the paper
 * @author redis-cache authors
 */
public record StampedeSettings(boolean leaseEnabled, Duration leaseTime, Duration leaseWait, boolean earlyRefresh,
		double earlyRefreshBeta) {

	/** Leases of 10 s, waits of up to 3 s, early refresh with beta 1.0. */
	public static final StampedeSettings DEFAULTS = new StampedeSettings(true, Duration.ofSeconds(10),
			Duration.ofSeconds(3), true, 1.0);

	/**
	 * Validate the settings.
	 * @param leaseEnabled whether leases are used
	 * @param leaseTime a positive duration
	 * @param leaseWait a positive duration
	 * @param earlyRefresh whether early refresh is on
	 * @param earlyRefreshBeta a positive number
	 */
	public StampedeSettings {
		Assert.isTrue(leaseTime != null && !leaseTime.isNegative() && !leaseTime.isZero(),
				() -> "lease.time must be a positive duration, was " + leaseTime);
		Assert.isTrue(leaseWait != null && !leaseWait.isNegative() && !leaseWait.isZero(),
				() -> "lease.wait must be a positive duration, was " + leaseWait);
		Assert.isTrue(earlyRefreshBeta > 0 && Double.isFinite(earlyRefreshBeta),
				() -> "early-refresh.beta must be a positive number, was " + earlyRefreshBeta);
	}

}
