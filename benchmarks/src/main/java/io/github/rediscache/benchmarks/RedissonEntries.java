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
package io.github.rediscache.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import io.github.rediscache.embedded.RedisNode;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.spring.cache.CacheConfig;
import org.redisson.spring.cache.RedissonSpringCacheManager;

import org.springframework.cache.Cache;

/**
 * Redisson's Spring cache as its users meet it: {@link RedissonSpringCacheManager} with a
 * TTL, on a client with Redisson's default codec.
 */
final class RedissonEntries {

	private RedissonEntries() {
	}

	/**
	 * Store DTOs through Redisson's Spring cache.
	 * @param node the Redis to store into
	 * @param count how many entries
	 * @return the name of Redisson's default codec
	 */
	static String storeInSpringCache(RedisNode node, int count) {
		return withClient(node, (client) -> {
			RedissonSpringCacheManager manager = new RedissonSpringCacheManager(client,
					Map.of("products", new CacheConfig(30 * 60_000, 0)));
			Cache cache = manager.getCache("products");
			for (long id = 0; id < count; id++) {
				cache.put(id, ProductDto.of(id));
			}
		});
	}

	/**
	 * Store DTOs as one string key each with a TTL ({@code RBucket}), the layout of
	 * redis-cache's entries, for a comparison of the values alone.
	 * @param node the Redis to store into
	 * @param count how many entries
	 * @return the name of Redisson's default codec
	 */
	static String storeInBuckets(RedisNode node, int count) {
		return withClient(node, (client) -> {
			for (long id = 0; id < count; id++) {
				client.getBucket("products::" + id).set(ProductDto.of(id), Duration.ofMinutes(30));
			}
		});
	}

	private static String withClient(RedisNode node, Consumer<RedissonClient> work) {
		Config config = new Config();
		config.useSingleServer().setAddress("redis://" + node.host() + ":" + node.port());
		RedissonClient client = Redisson.create(config);
		try {
			work.accept(client);
			return client.getConfig().getCodec().getClass().getSimpleName();
		}
		finally {
			client.shutdown();
		}
	}

}
