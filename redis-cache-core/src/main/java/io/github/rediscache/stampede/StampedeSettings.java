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

import io.github.rediscache.settings.Require;

/**
 * How one cache protects its loader from stampedes. Immutable; every {@code withX} method
 * returns a validated copy.
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
	 * @throws io.github.rediscache.settings.InvalidSettingException naming the field
	 * ({@code lease.time}, {@code lease.wait} or {@code early-refresh.beta})
	 */
	public StampedeSettings {
		Require.positive("lease.time", leaseTime);
		Require.positive("lease.wait", leaseWait);
		Require.positiveNumber("early-refresh.beta", earlyRefreshBeta);
	}

	/**
	 * Return a copy that uses leases in Redis, or not.
	 * @param leaseEnabled whether leases are used
	 * @return a copy
	 */
	public StampedeSettings withLeaseEnabled(boolean leaseEnabled) {
		return new StampedeSettings(leaseEnabled, this.leaseTime, this.leaseWait, this.earlyRefresh,
				this.earlyRefreshBeta);
	}

	/**
	 * Return a copy whose leases live for the given time.
	 * @param leaseTime a positive duration
	 * @return a copy
	 */
	public StampedeSettings withLeaseTime(Duration leaseTime) {
		return new StampedeSettings(this.leaseEnabled, leaseTime, this.leaseWait, this.earlyRefresh,
				this.earlyRefreshBeta);
	}

	/**
	 * Return a copy whose callers wait up to the given time for another instance's load.
	 * @param leaseWait a positive duration
	 * @return a copy
	 */
	public StampedeSettings withLeaseWait(Duration leaseWait) {
		return new StampedeSettings(this.leaseEnabled, this.leaseTime, leaseWait, this.earlyRefresh,
				this.earlyRefreshBeta);
	}

	/**
	 * Return a copy that refreshes entries before they expire, or not.
	 * @param earlyRefresh whether early refresh is on
	 * @return a copy
	 */
	public StampedeSettings withEarlyRefresh(boolean earlyRefresh) {
		return new StampedeSettings(this.leaseEnabled, this.leaseTime, this.leaseWait, earlyRefresh,
				this.earlyRefreshBeta);
	}

	/**
	 * Return a copy with the given eagerness of early refresh.
	 * @param earlyRefreshBeta a positive number
	 * @return a copy
	 */
	public StampedeSettings withEarlyRefreshBeta(double earlyRefreshBeta) {
		return new StampedeSettings(this.leaseEnabled, this.leaseTime, this.leaseWait, this.earlyRefresh,
				earlyRefreshBeta);
	}

}
