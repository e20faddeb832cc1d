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

import java.lang.reflect.Type;
import java.time.Duration;

import io.github.rediscache.serializer.ValueFormat;
import io.github.rediscache.settings.InvalidSettingException;
import io.github.rediscache.settings.Require;
import io.github.rediscache.stampede.StampedeSettings;

import org.springframework.lang.Nullable;

/**
 * The settings of one cache: how long its entries live, how their expiry is spread,
 * whether it stores nulls, the schema version in its keys, the type of its values and its
 * stampede protection. Immutable; every {@code withX} method returns a validated copy,
 * and an invalid value throws an {@link InvalidSettingException} naming the field.
 *
 * @param ttl time to live of an entry; every key gets one
 * @param ttlJitterPercent share of the TTL, from 0 to 100, by which each entry's TTL is
 * shortened at random
 * @param cacheNullValues whether null results are stored as short-lived negative entries
 * @param nullValueTtl time to live of a stored null
 * @param keyVersion schema version in the cache's keys, or {@code null} for none
 * @param valueType the declared type of every value, generics included (such as
 * {@code Map<Long, ProductDto>}); {@code null} to take the declared return type of each
 * {@code @Cacheable} method, or {@code Object}
 * @param stampede the stampede protection
 * @param format how values are encoded and when they are compressed
 * @author redis-cache authors
 */
public record CacheSpec(Duration ttl, double ttlJitterPercent, boolean cacheNullValues, Duration nullValueTtl,
		@Nullable String keyVersion, @Nullable Type valueType, StampedeSettings stampede, ValueFormat format) {

	/**
	 * The built-in defaults: a TTL of 30 minutes shortened at random by up to 5 %, no
	 * null values (a null value would live 1 minute), no key version, values typed by an
	 * allow-list, {@link StampedeSettings#DEFAULTS stampede protection}, and JSON never
	 * compressed.
	 */
	public static final CacheSpec DEFAULTS = new CacheSpec(Duration.ofMinutes(30), 5, false, Duration.ofMinutes(1),
			null, null, StampedeSettings.DEFAULTS, ValueFormat.DEFAULT);

	/**
	 * Validate the settings.
	 * @param ttl a positive duration
	 * @param ttlJitterPercent from 0 to 100
	 * @param cacheNullValues whether nulls are stored
	 * @param nullValueTtl a positive duration
	 * @param keyVersion 1 to 32 letters, digits, '.', '_' or '-', or {@code null}
	 * @param valueType the declared value type or {@code null}
	 * @param stampede the stampede protection
	 * @param format the encoding and compression of values
	 */
	public CacheSpec {
		Require.positive("ttl", ttl);
		Require.percentage("ttl-jitter-percent", ttlJitterPercent, 0, 100);
		Require.positive("null-value-ttl", nullValueTtl);
		if (keyVersion != null && !keyVersion.matches("[A-Za-z0-9._-]{1,32}")) {
			throw new InvalidSettingException("key-version", keyVersion,
					"must be 1 to 32 letters, digits, '.', '_' or '-'",
					"Use 1 to 32 letters, digits, '.', '_' or '-', such as 2.");
		}
		Require.present("stampede", stampede);
		Require.present("encoding", format);
	}

	/**
	 * Create the settings of a cache whose values are JSON, never compressed.
	 * @param ttl a positive duration
	 * @param ttlJitterPercent from 0 to 100
	 * @param cacheNullValues whether nulls are stored
	 * @param nullValueTtl a positive duration
	 * @param keyVersion 1 to 32 letters, digits, '.', '_' or '-', or {@code null}
	 * @param valueType the declared value type or {@code null}
	 * @param stampede the stampede protection
	 */
	public CacheSpec(Duration ttl, double ttlJitterPercent, boolean cacheNullValues, Duration nullValueTtl,
			@Nullable String keyVersion, @Nullable Type valueType, StampedeSettings stampede) {
		this(ttl, ttlJitterPercent, cacheNullValues, nullValueTtl, keyVersion, valueType, stampede,
				ValueFormat.DEFAULT);
	}

	/**
	 * Return a copy with the given time to live.
	 * @param ttl a positive duration
	 * @return a copy
	 */
	public CacheSpec withTtl(Duration ttl) {
		return new CacheSpec(ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy whose entries' TTL is shortened at random by up to the given share.
	 * @param percent from 0 (no jitter) to 100
	 * @return a copy
	 */
	public CacheSpec withTtlJitterPercent(double percent) {
		return new CacheSpec(this.ttl, percent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy that stores null results as short-lived negative entries, or not.
	 * @param cacheNullValues whether null values are stored
	 * @return a copy
	 */
	public CacheSpec withCacheNullValues(boolean cacheNullValues) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy whose null entries live for the given time.
	 * @param nullValueTtl a positive duration
	 * @return a copy
	 */
	public CacheSpec withNullValueTtl(Duration nullValueTtl) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, nullValueTtl, this.keyVersion,
				this.valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy whose keys carry the given schema version, so that entries written
	 * under another version are never read.
	 * @param keyVersion letters, digits, '.', '_' or '-'; {@code null} for none
	 * @return a copy
	 */
	public CacheSpec withKeyVersion(@Nullable String keyVersion) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, keyVersion,
				this.valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy whose values are all written and read as the given type: class names
	 * only where the type does not say what a value is, so none for a record or a
	 * {@code Map<Long, ProductDto>}.
	 * @param valueType the declared type of every value, such as a {@code Class} or a
	 * {@code ParameterizedType}; {@code null} for the declared return type of each
	 * {@code @Cacheable} method
	 * @return a copy
	 */
	public CacheSpec withValueType(@Nullable Type valueType) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				valueType, this.stampede, this.format);
	}

	/**
	 * Return a copy whose values are written in the given format.
	 * @param format the encoding and compression threshold
	 * @return a copy
	 */
	public CacheSpec withFormat(ValueFormat format) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, this.stampede, format);
	}

	/**
	 * Return a copy with the given stampede protection.
	 * @param stampede the settings
	 * @return a copy
	 */
	public CacheSpec withStampede(StampedeSettings stampede) {
		return new CacheSpec(this.ttl, this.ttlJitterPercent, this.cacheNullValues, this.nullValueTtl, this.keyVersion,
				this.valueType, stampede, this.format);
	}

}
