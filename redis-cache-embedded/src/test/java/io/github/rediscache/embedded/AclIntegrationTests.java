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
package io.github.rediscache.embedded;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedRedis(password = "admin-secret", configuration = "user cache on >cache-secret ~cache:* +get +set +ping")
class AclIntegrationTests {

	private final RedisClient client = RedisClient.create();

	@AfterEach
	void shutdown() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Test
	void userMayRunItsCommandsOnItsKeys(RedisDeployment redis) {
		try (StatefulRedisConnection<String, String> connection = connect(redis, "cache", "cache-secret")) {
			RedisCommands<String, String> commands = connection.sync();
			commands.set("cache:a", "1");
			assertThat(commands.get("cache:a")).isEqualTo("1");
		}
	}

	@Test
	void userIsDeniedCommandsAndKeysOutsideItsRules(RedisDeployment redis) {
		try (StatefulRedisConnection<String, String> connection = connect(redis, "cache", "cache-secret")) {
			RedisCommands<String, String> commands = connection.sync();
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(commands::flushall)
				.withMessageStartingWith("NOPERM");
			assertThatExceptionOfType(RedisCommandExecutionException.class)
				.isThrownBy(() -> commands.set("other:a", "1"))
				.withMessageStartingWith("NOPERM");
		}
	}

	@Test
	void wrongPasswordIsRefused(RedisDeployment redis) {
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> connect(redis, "cache", "wrong").sync().ping());
	}

	private StatefulRedisConnection<String, String> connect(RedisDeployment redis, String user, String password) {
		RedisNode node = redis.nodes().get(0);
		return this.client.connect(RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withAuthentication(user, password.toCharArray())
			.build());
	}

}
