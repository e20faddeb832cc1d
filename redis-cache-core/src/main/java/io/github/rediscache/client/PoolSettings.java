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
package io.github.rediscache.client;

import java.time.Duration;

import io.github.rediscache.settings.InvalidSettingException;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.lang.Nullable;

/**
 * The settings of a Lettuce connection pool.
 *
 * @param minIdle the minimum number of idle connections
 * @param maxIdle the maximum number of idle connections
 * @param maxActive the maximum number of connections, or a negative number for no limit
 * @param maxWait how long a borrower waits for a connection
 * @param timeBetweenEvictionRuns how often idle connections are validated and evicted;
 * zero or negative for never
 * @author redis-cache authors
 */
public record PoolSettings(int minIdle, int maxIdle, int maxActive, Duration maxWait,
		Duration timeBetweenEvictionRuns) {

	private static final int MAX_ACTIVE = 16;

	private static final int MAX_IDLE = 8;

	private static final int MIN_IDLE = 2;

	private static final Duration MAX_WAIT = Duration.ofMillis(200);

	private static final Duration EVICTION_RUNS = Duration.ofSeconds(30);

	/**
	 * Return the settings with each value the user set, and production values for the
	 * rest (max-active 16, max-idle 8, min-idle 2, max-wait 200 ms, idle validation every
	 * 30 s) rather than commons-pool's wait-forever default.
	 * @param propertyPrefix the prefix of the pool's properties, such as
	 * {@code spring.data.redis.lettuce.pool.}, used to name them in errors
	 * @param maxActive the user's value or {@code null}
	 * @param maxIdle the user's value or {@code null}
	 * @param minIdle the user's value or {@code null}
	 * @param maxWait the user's value or {@code null}
	 * @param timeBetweenEvictionRuns the user's value or {@code null}
	 * @return the settings
	 * @throws InvalidSettingException if the values contradict each other
	 */
	public static PoolSettings withProductionDefaults(String propertyPrefix, @Nullable Integer maxActive,
			@Nullable Integer maxIdle, @Nullable Integer minIdle, @Nullable Duration maxWait,
			@Nullable Duration timeBetweenEvictionRuns) {
		int active = (maxActive != null) ? maxActive : MAX_ACTIVE;
		int idle = (maxIdle != null) ? maxIdle : Math.min(MAX_IDLE, (active > 0) ? active : Integer.MAX_VALUE);
		int min = (minIdle != null) ? minIdle : Math.min(MIN_IDLE, idle);
		if (active > 0 && idle > active) {
			throw new InvalidSettingException(propertyPrefix + "max-idle", idle,
					"more idle connections than " + propertyPrefix + "max-active (" + active + ") allows",
					"Set " + propertyPrefix + "max-idle to at most " + propertyPrefix + "max-active.");
		}
		if (min > idle) {
			throw new InvalidSettingException(propertyPrefix + "min-idle", min,
					"more than " + propertyPrefix + "max-idle (" + idle + ")",
					"Set " + propertyPrefix + "min-idle to at most " + propertyPrefix + "max-idle.");
		}
		return new PoolSettings(min, idle, active, (maxWait != null) ? maxWait : MAX_WAIT,
				(timeBetweenEvictionRuns != null) ? timeBetweenEvictionRuns : EVICTION_RUNS);
	}

	/**
	 * Return the commons-pool configuration of these settings, validating idle
	 * connections.
	 * @param <T> the pooled type
	 * @return a new configuration
	 */
	public <T> GenericObjectPoolConfig<T> toPoolConfig() {
		GenericObjectPoolConfig<T> config = new GenericObjectPoolConfig<>();
		config.setMaxTotal(this.maxActive);
		config.setMaxIdle(this.maxIdle);
		config.setMinIdle(this.minIdle);
		config.setMaxWait(this.maxWait);
		if (this.timeBetweenEvictionRuns.compareTo(Duration.ZERO) > 0) {
			config.setTimeBetweenEvictionRuns(this.timeBetweenEvictionRuns);
		}
		config.setTestWhileIdle(true);
		return config;
	}

}
