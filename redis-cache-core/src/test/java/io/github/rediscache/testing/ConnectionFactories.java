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
package io.github.rediscache.testing;

import java.util.List;

import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.client.LettuceClientHardening;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.protocol.ProtocolVersion;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * Plain Spring Data Redis connection factories to embedded Redis, as an application
 * without Spring Boot makes them.
 */
public final class ConnectionFactories {

	private ConnectionFactories() {
	}

	/**
	 * Create and start a connection factory to the deployment; destroy it after use.
	 * @param redis the deployment
	 * @return a started connection factory
	 */
	public static LettuceConnectionFactory startedFor(RedisDeployment redis) {
		return started(redis, LettuceClientConfiguration.defaultConfiguration());
	}

	/**
	 * Create and start a connection factory whose client has redis-cache's hardening (the
	 * client options Spring Boot's auto-configuration gets: command timeout, rejection
	 * while disconnected, cluster topology refresh); destroy it after use.
	 * @param redis the deployment
	 * @return a started connection factory
	 */
	public static LettuceConnectionFactory hardenedFor(RedisDeployment redis) {
		return started(redis, hardened(redis.isCluster()));
	}

	/**
	 * Create and start a connection factory with redis-cache's hardening to a standalone
	 * server at an address of the test's choice (a {@link TcpForwarder}, say); destroy it
	 * after use.
	 * @param host the host
	 * @param port the port
	 * @return a started connection factory
	 */
	public static LettuceConnectionFactory hardenedFor(String host, int port) {
		return start(new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), hardened(false)));
	}

	/**
	 * Create and start a connection factory with redis-cache's hardening that speaks the
	 * given protocol and, if a user is given, logs in as that user; destroy it after use.
	 * @param redis the deployment
	 * @param protocol the protocol the client asks for
	 * @param username the ACL user, or {@code null} for the default user
	 * @param password the user's password, or {@code null}
	 * @return a started connection factory
	 */
	public static LettuceConnectionFactory hardenedFor(RedisDeployment redis, ProtocolVersion protocol,
			@Nullable String username, @Nullable String password) {
		ClientOptions.Builder options = redis.isCluster() ? ClusterClientOptions.builder() : ClientOptions.builder();
		new LettuceClientHardening(ClientSettings.DEFAULTS, null).apply(options);
		options.protocolVersion(protocol);
		return started(redis, LettuceClientConfiguration.builder().clientOptions(options.build()).build(), username,
				password);
	}

	private static LettuceClientConfiguration hardened(boolean cluster) {
		ClientOptions.Builder options = cluster ? ClusterClientOptions.builder() : ClientOptions.builder();
		new LettuceClientHardening(ClientSettings.DEFAULTS, null).apply(options);
		return LettuceClientConfiguration.builder().clientOptions(options.build()).build();
	}

	private static LettuceConnectionFactory started(RedisDeployment redis, LettuceClientConfiguration client) {
		return started(redis, client, null, null);
	}

	private static LettuceConnectionFactory started(RedisDeployment redis, LettuceClientConfiguration client,
			@Nullable String username, @Nullable String password) {
		RedisConfiguration.WithAuthentication configuration;
		if (redis.isCluster()) {
			List<String> nodes = redis.nodes().stream().map((node) -> node.host() + ":" + node.port()).toList();
			configuration = new RedisClusterConfiguration(nodes);
		}
		else {
			RedisNode node = redis.nodes().get(0);
			configuration = new RedisStandaloneConfiguration(node.host(), node.port());
		}
		configuration.setUsername(username);
		configuration.setPassword(password);
		return start(new LettuceConnectionFactory((RedisConfiguration) configuration, client));
	}

	private static LettuceConnectionFactory start(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
