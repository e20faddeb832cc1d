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
package io.github.rediscache.cache.near;

import java.time.Duration;
import java.util.List;

import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;
import io.github.rediscache.testing.CommandStats;
import io.github.rediscache.testing.ConnectionFactories;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two managers with near caches on one Redis, standing for two instances, each with the
 * client options Spring Boot's auto-configuration gives it; the second's meters are in
 * {@code meters}. The first holds {@code products} with immutable values (its entries
 * keep the decoded instance), the second decodes per hit, so that every coherence test
 * that reads both instances covers both.
 */
final class NearCacheInstances implements AutoCloseable {

	/** The check interval unless a test sets one. */
	static final Duration CHECK_INTERVAL = Duration.ofMillis(100);

	/**
	 * The command timeout of {@link ConnectionFactories#hardenedFor(RedisDeployment)}.
	 */
	static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

	final RedisDeployment redis;

	private final LettuceConnectionFactory firstFactory;

	private final LettuceConnectionFactory secondFactory;

	final ResilientRedisCacheManager first;

	final ResilientRedisCacheManager second;

	final MeterRegistry meters = new SimpleMeterRegistry();

	NearCacheInstances(RedisDeployment redis) {
		this(redis, ConnectionFactories.hardenedFor(redis));
	}

	/**
	 * Instances of which the second reaches Redis through the given factory.
	 */
	NearCacheInstances(RedisDeployment redis, LettuceConnectionFactory secondFactory) {
		this(redis, secondFactory, CHECK_INTERVAL);
	}

	/**
	 * Instances of which the second reaches Redis through the given factory, checking
	 * their tracking connections at the given interval.
	 */
	NearCacheInstances(RedisDeployment redis, LettuceConnectionFactory secondFactory, Duration checkInterval) {
		this.redis = redis;
		this.firstFactory = ConnectionFactories.hardenedFor(redis);
		this.secondFactory = secondFactory;
		this.first = manager(this.firstFactory, new SimpleMeterRegistry(), checkInterval, true);
		this.second = manager(this.secondFactory, this.meters, checkInterval, false);
	}

	private static ResilientRedisCacheManager manager(LettuceConnectionFactory factory, MeterRegistry meters,
			Duration checkInterval, boolean immutableProducts) {
		NearCacheSettings near = new NearCacheSettings(1000, Duration.ofMinutes(1), checkInterval, false);
		ResilientRedisCacheManager manager = ResilientRedisCacheManager.newBuilder(factory)
			.serialization(Jackson2CacheValueSerialization.forPackages(List.of()))
			.cache("short-lived", CacheSpec.DEFAULTS.withTtl(Duration.ofSeconds(1)).withTtlJitterPercent(0))
			.nearCache("products", new NearCacheSettings(1000, Duration.ofMinutes(1), checkInterval, immutableProducts))
			.nearCache("short-lived", near)
			.nearCache("small", new NearCacheSettings(2, Duration.ofMinutes(1), checkInterval, false))
			.nearCache("immutable", new NearCacheSettings(1000, Duration.ofMinutes(1), checkInterval, true))
			.listener(new MicrometerCacheEventListener(meters, (cache) -> {
			}))
			.build();
		manager.afterPropertiesSet();
		return manager;
	}

	void hitsInProcessAndWritesElsewhereInvalidate(String key) throws Exception {
		Cache writer = this.first.getCache("products");
		Cache reader = this.second.getCache("products");
		writer.put(key, "v1");
		assertThat(reader.get(key, String.class)).isEqualTo("v1");
		assertThat(redisGets(() -> {
			for (int i = 0; i < 100; i++) {
				assertThat(reader.get(key, String.class)).isEqualTo("v1");
			}
		})).as("100 hits served in-process").isZero();
		writer.put(key, "v2");
		await().atMost(Duration.ofSeconds(1)).until(() -> "v2".equals(reader.get(key, String.class)));
		writer.evict(key);
		await().atMost(Duration.ofSeconds(1)).until(() -> reader.get(key) == null);
	}

	/**
	 * Return how many GETs every node of the deployment served while the action ran.
	 */
	long redisGets(Action action) throws Exception {
		long before = gets();
		action.run();
		return gets() - before;
	}

	private long gets() {
		return CommandStats.calls(this.redis, "get");
	}

	@Override
	public void close() {
		this.first.destroy();
		this.second.destroy();
		this.firstFactory.destroy();
		this.secondFactory.destroy();
		this.redis.flushAll();
	}

	/**
	 * Code that may throw.
	 */
	@FunctionalInterface
	interface Action {

		void run() throws Exception;

	}

}
