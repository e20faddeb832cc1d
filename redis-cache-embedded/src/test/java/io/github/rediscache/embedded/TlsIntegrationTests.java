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

import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedRedis(tls = true)
class TlsIntegrationTests {

	private final RedisClient client = RedisClient.create();

	@AfterEach
	void shutdown() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Test
	void clientVerifyingHostnameAndTrustingTheTestCaConnects(RedisDeployment redis) {
		TlsMaterial tls = redis.tls().orElseThrow();
		for (String host : new String[] { "localhost", "127.0.0.1" }) {
			try (StatefulRedisConnection<String, String> connection = connect(redis, host, tls.caCertificate())) {
				assertThat(connection.sync().ping()).isEqualTo("PONG");
			}
		}
	}

	@Test
	void clientTrustingAnotherCaIsRefused(RedisDeployment redis, @TempDir Path temp) {
		TlsMaterial other = TlsMaterial.generate(temp, "another CA");
		assertThatExceptionOfType(RedisConnectionException.class)
			.isThrownBy(() -> connect(redis, "localhost", other.caCertificate()))
			.havingCause()
			.isInstanceOf(SSLHandshakeException.class)
			.withMessageContaining("unable to find valid certification path");
	}

	@Test
	void plainTextIsNotServed(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		this.client.setOptions(ClientOptions.builder().autoReconnect(false).build());
		RedisURI uri = RedisURI.builder()
			.withHost(node.host())
			.withPort(node.port())
			.withTimeout(Duration.ofSeconds(2))
			.build();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> {
			try (StatefulRedisConnection<String, String> connection = this.client.connect(uri)) {
				connection.sync().ping();
			}
		});
	}

	private StatefulRedisConnection<String, String> connect(RedisDeployment redis, String host, Path trustedCa) {
		this.client.setOptions(ClientOptions.builder()
			.sslOptions(SslOptions.builder().trustManager(trustedCa.toFile()).build())
			.build());
		RedisURI uri = RedisURI.builder()
			.withHost(host)
			.withPort(redis.nodes().get(0).port())
			.withSsl(true)
			.withVerifyPeer(SslVerifyMode.FULL)
			.build();
		return this.client.connect(uri);
	}

}
