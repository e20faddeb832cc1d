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
package io.github.rediscache.cache.writer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.ConnectionFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Clearing a cache with {@code SCAN} and {@code UNLINK}, against real Redis.
 */
class UnlinkingCacheWriterIntegrationTests {

	private static final int KEYS = 2500;

	@Nested
	@EmbeddedRedis
	class Standalone {

		@AfterEach
		void flush(RedisDeployment redis) {
			redis.flushAll();
		}

		@Test
		void clearRemovesEveryKeyOfTheCacheInSeveralScansAndNothingElse(RedisDeployment redis) {
			clearRemovesOnlyTheCachesKeys(redis);
		}

		@Test
		void aCacheWithoutPrefixIsNeverCleared(RedisDeployment redis) {
			LettuceConnectionFactory connectionFactory = ConnectionFactories.startedFor(redis);
			try {
				RedisNode node = redis.nodes().get(0);
				node.call((commands) -> commands.set("someone-elses-key", "x"));
				assertThatIllegalStateException()
					.isThrownBy(() -> writer(connectionFactory).clean("products", bytes("*")))
					.withMessageContaining("Refusing to clear cache 'products'");
				assertThat(node.<Long>call((commands) -> commands.dbsize())).isOne();
			}
			finally {
				connectionFactory.destroy();
			}
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER)
	class Cluster {

		@AfterEach
		void flush(RedisDeployment redis) {
			redis.flushAll();
		}

		@Test
		void clearRemovesTheCachesKeysFromEveryPrimary(RedisDeployment redis) {
			clearRemovesOnlyTheCachesKeys(redis);
		}

	}

	private static void clearRemovesOnlyTheCachesKeys(RedisDeployment redis) {
		LettuceConnectionFactory connectionFactory = ConnectionFactories.startedFor(redis);
		try {
			RedisCacheWriter writer = writer(connectionFactory);
			for (int i = 0; i < KEYS; i++) {
				writer.put("products", bytes("products::" + i), bytes("v"), Duration.ofMinutes(5));
			}
			writer.put("orders", bytes("orders::1"), bytes("o"), Duration.ofMinutes(5));
			writer.put("products-archive", bytes("products-archive::1"), bytes("a"), Duration.ofMinutes(5));
			writer.clean("products", bytes("products::*"));
			// Replicas see the deletions once they are replicated.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(
						() -> assertThat(redis.nodes().stream().mapToLong((node) -> keys(node, "products::*")).sum())
							.isZero());
			assertThat(writer.get("orders", bytes("orders::1"))).isEqualTo(bytes("o"));
			assertThat(writer.get("products-archive", bytes("products-archive::1"))).isEqualTo(bytes("a"));
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private static long keys(RedisNode node, String pattern) {
		return node.keys(pattern).size();
	}

	/**
	 * The writer chain's own: with Spring Data Redis 4's default asynchronous writes,
	 * puts of the test could still land after the clear.
	 */
	private static UnlinkingCacheWriter writer(LettuceConnectionFactory connectionFactory) {
		return new UnlinkingCacheWriter(SpringCacheWriters.immediateWrites(connectionFactory), connectionFactory,
				Duration.ofSeconds(2));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
