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
import java.util.function.DoubleSupplier;

import org.springframework.data.redis.cache.RedisCacheWriter.TtlFunction;
import org.springframework.lang.Nullable;

/**
 * Gives every entry a TTL: the cache's TTL shortened at random by up to its jitter share
 * (so keys written together do not expire together, and no key outlives the configured
 * TTL), or the short null-value TTL for a null.
 *
 * @author redis-cache authors
 */
final class JitteredTtlFunction implements TtlFunction {

	private final CacheSpec spec;

	private final DoubleSupplier random;

	JitteredTtlFunction(CacheSpec spec, DoubleSupplier random) {
		this.spec = spec;
		this.random = random;
	}

	@Override
	public Duration getTimeToLive(Object key, @Nullable Object value) {
		if (value == null) {
			return this.spec.nullValueTtl();
		}
		long ttlMillis = this.spec.ttl().toMillis();
		long jitterMillis = (long) (ttlMillis * this.spec.ttlJitterPercent() / 100 * this.random.getAsDouble());
		return Duration.ofMillis(Math.max(1, ttlMillis - jitterMillis));
	}

}
