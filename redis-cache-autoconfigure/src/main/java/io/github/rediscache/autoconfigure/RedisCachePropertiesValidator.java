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
package io.github.rediscache.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.rediscache.serializer.AllowListTypeValidator;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Checks {@code redis-cache.*} and the {@code spring.data.redis.*} values redis-cache
 * relies on before any bean is created, so that a bad value stops start-up with the
 * property, the value and the fix, rather than a stack trace from deep inside the client.
 *
 * @author redis-cache authors
 */
class RedisCachePropertiesValidator implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final String NODE_PATTERN = "(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]+):([0-9]{1,5})";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Binder binder = Binder.get(this.environment);
		RedisCacheProperties properties = binder.bindOrCreate("redis-cache", RedisCacheProperties.class);
		new CacheSpecResolver(properties, beanFactory.getBeanClassLoader()).caches();
		validatePackages(properties.getSerialization().getAllowedPackages());
		validateClient(properties.getClient());
		validateClusterNodes(
				binder.bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class)).orElse(List.of()));
		ProductionPoolSettings.from(binder);
	}

	private static void validatePackages(List<String> packages) {
		try {
			AllowListTypeValidator.forPackages(packages);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRedisCachePropertyException("redis-cache.serialization.allowed-packages", packages,
					ex.getMessage(), "List package names such as com.example.catalogue.");
		}
	}

	private static void validateClient(RedisCacheProperties.Client client) {
		requirePositive("redis-cache.client.command-timeout", client.getCommandTimeout());
		requirePositive("redis-cache.client.connect-timeout", client.getConnectTimeout());
		requirePositive("redis-cache.client.reconnect-min-delay", client.getReconnectMinDelay());
		requirePositive("redis-cache.client.reconnect-max-delay", client.getReconnectMaxDelay());
		if (client.getReconnectMaxDelay().compareTo(client.getReconnectMinDelay()) < 0) {
			throw new InvalidRedisCachePropertyException("redis-cache.client.reconnect-max-delay",
					client.getReconnectMaxDelay(),
					"shorter than redis-cache.client.reconnect-min-delay (" + client.getReconnectMinDelay() + ")",
					"Set redis-cache.client.reconnect-max-delay to at least redis-cache.client.reconnect-min-delay.");
		}
		if (client.getRequestQueueSize() < 1) {
			throw new InvalidRedisCachePropertyException("redis-cache.client.request-queue-size",
					client.getRequestQueueSize(), "must be at least 1", "Set a bound such as 5000.");
		}
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.compareTo(Duration.ZERO) <= 0) {
			throw new InvalidRedisCachePropertyException(property, value, "must be a positive duration",
					"Set a positive duration, such as 500ms.");
		}
	}

	private static void validateClusterNodes(List<String> nodes) {
		for (String node : nodes) {
			String trimmed = node.trim();
			if (!trimmed.matches(NODE_PATTERN) || !validPort(trimmed.substring(trimmed.lastIndexOf(':') + 1))) {
				throw new InvalidRedisCachePropertyException("spring.data.redis.cluster.nodes", node,
						"not a host:port address",
						"List cluster nodes as host:port separated by commas, such as "
								+ "clustercfg.my-cache.abc123.use1.cache.amazonaws.com:6379 for an ElastiCache "
								+ "configuration endpoint.");
			}
		}
	}

	private static boolean validPort(String port) {
		int value = Integer.parseInt(port);
		return value > 0 && value <= 65535;
	}

}
