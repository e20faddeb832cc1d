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
import io.github.rediscache.testing.ConnectionFactories;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A put is in Redis when it returns, on every Spring Data Redis generation: Spring Data
 * Redis 4 writes asynchronously unless asked not to, and a read right after a put then
 * misses.
 */
class SpringCacheWritersIntegrationTests {

	private static final int PUTS = 300;

	@Nested
	@EmbeddedRedis
	class Standalone {

		@Test
		void everyPutIsReadableByAnotherConnectionWhenItReturns(RedisDeployment redis) {
			putsAreImmediate(redis);
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER)
	class Cluster {

		@Test
		void everyPutIsReadableByAnotherConnectionWhenItReturns(RedisDeployment redis) {
			putsAreImmediate(redis);
		}

	}

	private static void putsAreImmediate(RedisDeployment redis) {
		LettuceConnectionFactory connectionFactory = ConnectionFactories.startedFor(redis);
		try {
			RedisCacheWriter writer = SpringCacheWriters.immediateWrites(connectionFactory);
			for (int i = 0; i < PUTS; i++) {
				String key = "products::" + i;
				writer.put("products", key.getBytes(StandardCharsets.UTF_8),
						("value-" + i).getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1));
				assertThat(redis.primaryFor(key).<String>call((commands) -> commands.get(key))).as(key)
					.isEqualTo("value-" + i);
			}
		}
		finally {
			connectionFactory.destroy();
			redis.flushAll();
		}
	}

}
