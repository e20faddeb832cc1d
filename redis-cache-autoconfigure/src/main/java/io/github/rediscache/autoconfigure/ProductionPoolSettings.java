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

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The Lettuce pool settings: each {@code spring.data.redis.lettuce.pool.*} value the user
 * set, and production values for the rest (min-idle 2, max-idle 8, max-active 16,
 * max-wait 200 ms, idle validation every 30 s) instead of Boot's wait-forever default.
 *
 * @param minIdle the minimum number of idle connections
 * @param maxIdle the maximum number of idle connections
 * @param maxActive the maximum number of connections
 * @param maxWait how long a borrower waits for a connection
 * @param timeBetweenEvictionRuns how often idle connections are validated and evicted
 * @author redis-cache authors
 */
record ProductionPoolSettings(int minIdle, int maxIdle, int maxActive, Duration maxWait,
		Duration timeBetweenEvictionRuns) {

	private static final String PREFIX = "spring.data.redis.lettuce.pool.";

	static ProductionPoolSettings from(Binder binder) {
		Integer userMaxActive = bind(binder, "max-active", Integer.class);
		Integer userMaxIdle = bind(binder, "max-idle", Integer.class);
		Integer userMinIdle = bind(binder, "min-idle", Integer.class);
		Duration userMaxWait = bind(binder, "max-wait", Duration.class);
		Duration userEvictionRuns = bind(binder, "time-between-eviction-runs", Duration.class);
		int maxActive = (userMaxActive != null) ? userMaxActive : 16;
		int maxIdle = (userMaxIdle != null) ? userMaxIdle : Math.min(8, positive(maxActive));
		int minIdle = (userMinIdle != null) ? userMinIdle : Math.min(2, maxIdle);
		if (userMaxIdle != null && maxActive > 0 && maxIdle > maxActive) {
			throw new InvalidRedisCachePropertyException(PREFIX + "max-idle", maxIdle,
					"more idle connections than " + PREFIX + "max-active (" + maxActive + ") allows",
					"Set " + PREFIX + "max-idle to at most " + PREFIX + "max-active.");
		}
		if (userMinIdle != null && minIdle > maxIdle) {
			throw new InvalidRedisCachePropertyException(PREFIX + "min-idle", minIdle,
					"more than " + PREFIX + "max-idle (" + maxIdle + ")",
					"Set " + PREFIX + "min-idle to at most " + PREFIX + "max-idle.");
		}
		return new ProductionPoolSettings(minIdle, maxIdle, maxActive,
				(userMaxWait != null) ? userMaxWait : Duration.ofMillis(200),
				(userEvictionRuns != null) ? userEvictionRuns : Duration.ofSeconds(30));
	}

	<T> GenericObjectPoolConfig<T> toPoolConfig() {
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

	private static int positive(int maxActive) {
		return (maxActive > 0) ? maxActive : Integer.MAX_VALUE;
	}

	private static <T> T bind(Binder binder, String name, Class<T> type) {
		return binder.bind(PREFIX + name, Bindable.of(type)).orElse(null);
	}

}
