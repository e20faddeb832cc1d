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
package io.github.rediscache.client;

import java.nio.file.Files;
import java.nio.file.Path;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class RotatingCredentialsTests {

	@Test
	void thePasswordFileIsReadAgainOnEveryAuthenticationWithTheConfiguredUser(@TempDir Path directory)
			throws Exception {
		Path file = Files.writeString(directory.resolve("redis-password"), "first\n");
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration();
		configuration.setUsername("app");
		RedisCredentialsProvider provider = RotatingCredentials.fromFile(file).createCredentialsProvider(configuration);
		assertCredentials(provider.resolveCredentials().block(), "app", "first");
		Files.writeString(file, "second");
		assertCredentials(provider.resolveCredentials().block(), "app", "second");
	}

	@Test
	void anUnreadableFileFailsTheAuthenticationWithoutRevealingAPassword(@TempDir Path directory) {
		RedisCredentialsProvider provider = RotatingCredentials.fromFile(directory.resolve("missing"))
			.createCredentialsProvider(new RedisStandaloneConfiguration());
		assertThatException().isThrownBy(() -> provider.resolveCredentials().block())
			.withMessageContaining("Redis password file")
			.withMessageContaining("missing");
		assertThat(RotatingCredentials.from(() -> "s3cret")).asString().doesNotContain("s3cret");
	}

	private static void assertCredentials(RedisCredentials credentials, String username, String password) {
		assertThat(credentials.getUsername()).isEqualTo(username);
		assertThat(new String(credentials.getPassword())).isEqualTo(password);
	}

}
