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

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
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
		LettuceConnectionFactory factory;
		if (redis.isCluster()) {
			List<String> nodes = redis.nodes().stream().map((node) -> node.host() + ":" + node.port()).toList();
			factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes));
		}
		else {
			RedisNode node = redis.nodes().get(0);
			factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(node.host(), node.port()));
		}
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
