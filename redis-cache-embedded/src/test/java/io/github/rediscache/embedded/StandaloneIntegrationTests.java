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
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedRedis
class StandaloneIntegrationTests {

	private final RedisClient client = RedisClient.create();

	@AfterEach
	void shutdown() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Test
	void answersPingOnLoopback(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		assertThat(node.host()).isEqualTo("127.0.0.1");
		try (StatefulRedisConnection<String, String> connection = this.client.connect(uri(node))) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
		Map<String, String> bind = node.call((commands) -> commands.configGet("bind"));
		assertThat(bind).containsEntry("bind", "127.0.0.1");
	}

	@Test
	void suspendedServerAnswersNothingUntilResumed(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		try (StatefulRedisConnection<String, String> connection = this.client.connect(uri(node))) {
			connection.setTimeout(Duration.ofMillis(300));
			node.suspend();
			try {
				assertThatExceptionOfType(RedisCommandTimeoutException.class)
					.isThrownBy(() -> connection.sync().ping());
			}
			finally {
				node.resume();
			}
			connection.setTimeout(Duration.ofSeconds(5));
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
	}

	@Test
	void killedServerRefusesConnectionsAndRestartsOnTheSamePort(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		int port = node.port();
		node.kill();
		assertThat(node.isRunning()).isFalse();
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> this.client.connect(uri(node)));
		node.restart();
		assertThat(node.port()).isEqualTo(port);
		String pong = node.call((commands) -> commands.ping());
		assertThat(pong).isEqualTo("PONG");
	}

	@Test
	void pausedClientsWaitForThePauseToEnd(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		try (StatefulRedisConnection<String, String> connection = this.client.connect(uri(node))) {
			connection.setTimeout(Duration.ofMillis(200));
			node.pauseClients(Duration.ofSeconds(1));
			assertThatExceptionOfType(RedisCommandTimeoutException.class)
				.isThrownBy(() -> connection.sync().get("any"));
			connection.setTimeout(Duration.ofSeconds(5));
			assertThat(connection.sync().get("any")).isNull();
		}
	}

	@Test
	void keepsTheServerLog(RedisDeployment redis) {
		assertThat(redis.nodes().get(0).logTail(100)).contains("Ready to accept connections");
	}

	static RedisURI uri(RedisNode node) {
		return RedisURI.create(node.host(), node.port());
	}

}
