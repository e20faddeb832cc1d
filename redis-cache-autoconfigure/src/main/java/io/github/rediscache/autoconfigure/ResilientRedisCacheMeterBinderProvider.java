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

import io.github.rediscache.cache.ResilientRedisCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;
import org.springframework.boot.actuate.metrics.cache.RedisCacheMetrics;
import org.springframework.data.redis.cache.RedisCache;

/**
 * Spring Boot's Redis cache meters ({@code cache.gets}, {@code cache.puts},
 * {@code cache.removals}) plus {@code cache.evictions}, counting explicit evictions,
 * which Boot's Redis binder leaves out.
 *
 * @author redis-cache authors
 */
class ResilientRedisCacheMeterBinderProvider implements CacheMeterBinderProvider<ResilientRedisCache> {

	@Override
	public MeterBinder getMeterBinder(ResilientRedisCache cache, Iterable<Tag> tags) {
		return new EvictionCountingRedisCacheMetrics(cache, tags);
	}

	private static final class EvictionCountingRedisCacheMetrics extends RedisCacheMetrics {

		private final RedisCache cache;

		EvictionCountingRedisCacheMetrics(RedisCache cache, Iterable<Tag> tags) {
			super(cache, tags);
			this.cache = cache;
		}

		@Override
		protected Long evictionCount() {
			return this.cache.getStatistics().getDeletes();
		}

	}

}
