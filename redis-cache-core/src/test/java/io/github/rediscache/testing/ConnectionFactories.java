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

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

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

	private static LettuceClientConfiguration hardened(boolean cluster) {
		ClientOptions.Builder options = cluster ? ClusterClientOptions.builder() : ClientOptions.builder();
		new LettuceClientHardening(ClientSettings.DEFAULTS, null).apply(options);
		return LettuceClientConfiguration.builder().clientOptions(options.build()).build();
	}

	private static LettuceConnectionFactory started(RedisDeployment redis, LettuceClientConfiguration client) {
		LettuceConnectionFactory factory;
		if (redis.isCluster()) {
			List<String> nodes = redis.nodes().stream().map((node) -> node.host() + ":" + node.port()).toList();
			factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes), client);
		}
		else {
			RedisNode node = redis.nodes().get(0);
			factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(node.host(), node.port()), client);
		}
		return start(factory);
	}

	private static LettuceConnectionFactory start(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
