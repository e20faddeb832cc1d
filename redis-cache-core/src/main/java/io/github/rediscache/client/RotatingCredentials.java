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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.util.Assert;

/**
 * Credentials whose password is asked for again each time a connection authenticates, so
 * that a rotated password (an ElastiCache AUTH token, an ACL user's password) is picked
 * up by the next connect or reconnect without a restart. The user name stays the
 * configured one. The password is never logged or put in an exception message.
 *
 * @author redis-cache authors
 */
public final class RotatingCredentials implements RedisCredentialsProviderFactory {

	private final Supplier<String> password;

	private RotatingCredentials(Supplier<String> password) {
		this.password = password;
	}

	/**
	 * Credentials whose password is the content of a file (trailing white space removed),
	 * read on every authentication: a Kubernetes secret volume or a secrets-manager
	 * mount, which the rotation rewrites.
	 * @param file the file
	 * @return the credentials
	 */
	public static RotatingCredentials fromFile(Path file) {
		Assert.notNull(file, "file must not be null");
		return new RotatingCredentials(() -> {
			try {
				return Files.readString(file).strip();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the Redis password file " + file, ex);
			}
		});
	}

	/**
	 * Credentials whose password comes from a supplier, called on every authentication (a
	 * secrets-manager client that caches and refreshes, say).
	 * @param password supplies the current password
	 * @return the credentials
	 */
	public static RotatingCredentials from(Supplier<String> password) {
		Assert.notNull(password, "password must not be null");
		return new RotatingCredentials(password);
	}

	@Override
	public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration configuration) {
		String username = (configuration instanceof RedisConfiguration.WithAuthentication authentication)
				? authentication.getUsername() : null;
		return () -> Mono.fromCallable(() -> RedisCredentials.just(username, this.password.get()));
	}

	@Override
	public String toString() {
		return "RotatingCredentials (password read on every authentication)";
	}

}
