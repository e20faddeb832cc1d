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
import java.util.function.Function;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Runs administrative commands on one node at a time over a short-lived connection, as
 * the default user, so that a killed or restarted node never leaves a stale connection
 * behind.
 */
final class RedisAdmin implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final RedisClient client;

	private final boolean tls;

	private final String password;

	RedisAdmin(TlsMaterial tls, String password) {
		this.client = RedisClient.create();
		this.tls = tls != null;
		this.password = password;
		ClientOptions.Builder options = ClientOptions.builder().autoReconnect(false);
		if (tls != null) {
			options.sslOptions(SslOptions.builder().trustManager(tls.caCertificate().toFile()).build());
		}
		this.client.setOptions(options.build());
	}

	<T> T call(int port, Function<RedisCommands<String, String>, T> command) {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(FreePorts.LOOPBACK.getHostAddress())
			.withPort(port)
			.withTimeout(TIMEOUT);
		if (this.tls) {
			uri.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
		}
		if (this.password != null) {
			uri.withPassword(this.password.toCharArray());
		}
		try (StatefulRedisConnection<String, String> connection = this.client.connect(uri.build())) {
			return command.apply(connection.sync());
		}
	}

	@Override
	public void close() {
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
