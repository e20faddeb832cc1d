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
package io.github.rediscache.cache;

import java.time.Duration;
import java.util.Objects;

import io.github.rediscache.stampede.StampedeSettings;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The effective settings of one cache: how long its entries live, how their expiry is
 * spread, whether it stores nulls, the schema version in its keys and the type of its
 * values. Immutable; every {@code withX} method returns a validated copy.
 *
 * @author redis-cache authors
 */
public final class CacheSpec {

	private final Duration ttl;

	private final double ttlJitterPercent;

	private final boolean cacheNullValues;

	private final Duration nullValueTtl;

	@Nullable
	private final String keyVersion;

	@Nullable
	private final Class<?> valueType;

	private final StampedeSettings stampede;

	private CacheSpec(Duration ttl, double ttlJitterPercent, boolean cacheNullValues, Duration nullValueTtl,
			@Nullable String keyVersion, @Nullable Class<?> valueType, StampedeSettings stampede) {
		this.ttl = ttl;
		this.ttlJitterPercent = ttlJitterPercent;
		this.cacheNullValues = cacheNullValues;
		this.nullValueTtl = nullValueTtl;
		this.keyVersion = keyVersion;
		this.valueType = valueType;
		this.stampede = stampede;
	}

	/**
	 * Return the built-in defaults: a TTL of 30 minutes shortened at random by up to 5 %,
	 * no null values (a null value would live 1 minute), no key version, values typed by
	 * an allow-list, and {@link StampedeSettings#DEFAULTS stampede protection}.
	 * @return the defaults
	 */
	public static CacheSpec defaults() {
		return new CacheSpec(Duration.ofMinutes(30), 5, false, Duration.ofMinutes(1), null, null,
				StampedeSettings.DEFAULTS);
	}

	/**
	 * Return a copy with the given time to live.
	 * @param ttl a positive duration
	 * @return a copy
	 * @throws IllegalArgumentException if the TTL is not positive
	 */
	public CacheSpec withTtl(Duration ttl) {
		requirePositive(ttl, "ttl");
		return new CacheSpec(ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede);
	}

	/**
	 * Return a copy whose entries' TTL is shortened at random by up to the given share.
	 * @param percent from 0 (no jitter) to 100
	 * @return a copy
	 * @throws IllegalArgumentException if the percentage is outside 0-100
	 */
	public CacheSpec withTtlJitterPercent(double percent) {
		Assert.isTrue(percent >= 0 && percent <= 100,
				() -> "ttl-jitter must be between 0 and 100 (percent), was " + percent);
		return new CacheSpec(this.ttl, percent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede);
	}

	/**
	 * Return a copy that stores null results as short-lived negative entries, or not.
	 * @param cacheNullValues whether null values are stored
	 * @return a copy
	 */
	public CacheSpec withCacheNullValues(boolean cacheNullValues) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede);
	}

	/**
	 * Return a copy whose null entries live for the given time.
	 * @param nullValueTtl a positive duration
	 * @return a copy
	 */
	public CacheSpec withNullValueTtl(Duration nullValueTtl) {
		requirePositive(nullValueTtl, "null-value-ttl");
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, nullValueTtl, this.keyVersion,
				this.valueType, this.stampede);
	}

	/**
	 * Return a copy whose keys carry the given schema version, so that entries written
	 * under another version are never read.
	 * @param keyVersion letters, digits, '.', '_' or '-'; {@code null} for none
	 * @return a copy
	 */
	public CacheSpec withKeyVersion(@Nullable String keyVersion) {
		Assert.isTrue(keyVersion == null || keyVersion.matches("[A-Za-z0-9._-]{1,32}"),
				() -> "key-version must be 1 to 32 letters, digits, '.', '_' or '-', was '" + keyVersion + "'");
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, keyVersion,
				this.valueType, this.stampede);
	}

	/**
	 * Return a copy whose values are stored as plain JSON of the given type, with no
	 * class names.
	 * @param valueType the type of every value; {@code null} to type values by allow-list
	 * @return a copy
	 */
	public CacheSpec withValueType(@Nullable Class<?> valueType) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				valueType, this.stampede);
	}

	/**
	 * Return a copy with the given stampede protection.
	 * @param stampede the settings
	 * @return a copy
	 */
	public CacheSpec withStampede(StampedeSettings stampede) {
		Assert.notNull(stampede, "stampede must not be null");
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, stampede);
	}

	public Duration ttl() {
		return this.ttl;
	}

	public double ttlJitterPercent() {
		return this.ttlJitterPercent;
	}

	public boolean cacheNullValues() {
		return this.cacheNullValues;
	}

	public Duration nullValueTtl() {
		return this.nullValueTtl;
	}

	@Nullable
	public String keyVersion() {
		return this.keyVersion;
	}

	@Nullable
	public Class<?> valueType() {
		return this.valueType;
	}

	public StampedeSettings stampede() {
		return this.stampede;
	}

	private static void requirePositive(Duration duration, String property) {
		Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
				() -> property + " must be a positive duration (every key needs a TTL), was " + duration);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof CacheSpec that && this.ttl.equals(that.ttl)
				&& this.ttlJitterPercent == that.ttlJitterPercent && this.cacheNullValues == that.cacheNullValues
				&& this.nullValueTtl.equals(that.nullValueTtl) && Objects.equals(this.keyVersion, that.keyVersion)
				&& Objects.equals(this.valueType, that.valueType) && this.stampede.equals(that.stampede);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede);
	}

	@Override
	public String toString() {
		return "CacheSpec[ttl=" + this.ttl + ", ttlJitter=" + this.ttlJitterPercent + "%, cacheNullValues="
				+ this.cacheNullValues + ", nullValueTtl=" + this.nullValueTtl + ", keyVersion=" + this.keyVersion
				+ ", valueType=" + ((this.valueType != null) ? this.valueType.getName() : null) + ", " + this.stampede
				+ "]";
	}

}
