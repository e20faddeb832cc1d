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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.util.ClassUtils;

/**
 * The client settings a connection factory really uses, read back from its Lettuce client
 * configuration after every customizer (Spring Boot's, redis-cache's, the application's)
 * has run: what the start-up line logs and the {@code info} endpoint shows. It holds no
 * secret: passwords live in the connection's configuration, not in the client's.
 *
 * @param values the settings by name, in a stable order
 * @author redis-cache authors
 */
public record EffectiveClientSettings(Map<String, Object> values) {

	private static final boolean POOL_PRESENT = ClassUtils.isPresent(
			"org.apache.commons.pool2.impl.GenericObjectPoolConfig", EffectiveClientSettings.class.getClassLoader());

	/**
	 * Read the settings of a client configuration.
	 * @param configuration the client configuration of the connection factory
	 * @param cluster whether the factory connects to a Redis Cluster
	 * @return the settings
	 */
	public static EffectiveClientSettings of(LettuceClientConfiguration configuration, boolean cluster) {
		Map<String, Object> values = new LinkedHashMap<>();
		ClientOptions options = configuration.getClientOptions().orElseGet(ClientOptions::create);
		values.put("command-timeout", commandTimeout(options.getTimeoutOptions(), configuration));
		SocketOptions socket = options.getSocketOptions();
		values.put("connect-timeout", socket.getConnectTimeout());
		values.put("keep-alive", socket.isKeepAlive() ? socket.getKeepAlive().getIdle() : "off");
		values.put("tcp-user-timeout",
				socket.isEnableTcpUserTimeout() ? socket.getTcpUserTimeout().getTcpUserTimeout() : "off");
		values.put("disconnected-behavior", options.getDisconnectedBehavior());
		values.put("request-queue-size", options.getRequestQueueSize());
		values.put("ssl", configuration.isUseSsl());
		values.put("read-from", configuration.getReadFrom().map(Object::toString).orElse("primary"));
		values.put("pool", pool(configuration));
		if (cluster) {
			values.put("cluster", clusterOptions(options));
		}
		return new EffectiveClientSettings(Collections.unmodifiableMap(values));
	}

	/**
	 * Describe the settings in one line.
	 * @return the line
	 */
	public String describe() {
		StringBuilder line = new StringBuilder();
		this.values.forEach(
				(name, value) -> line.append((line.length() > 0) ? ", " : "").append(name).append(' ').append(value));
		return line.toString();
	}

	private static Object commandTimeout(TimeoutOptions timeouts, LettuceClientConfiguration configuration) {
		TimeoutOptions.TimeoutSource source = timeouts.getSource();
		if (source instanceof CommandTimeoutSource ours) {
			return ours.timeout() + " (blocking commands such as BLPOP and XREAD BLOCK: "
					+ configuration.getCommandTimeout() + ")";
		}
		if (timeouts.isTimeoutCommands() && !timeouts.isApplyConnectionTimeout() && source != null) {
			return "set per command by " + source.getClass().getName();
		}
		return configuration.getCommandTimeout();
	}

	private static Object pool(LettuceClientConfiguration configuration) {
		if (!POOL_PRESENT || !(configuration instanceof LettucePoolingClientConfiguration pooling)) {
			return "none";
		}
		GenericObjectPoolConfig<?> pool = pooling.getPoolConfig();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("max-active", pool.getMaxTotal());
		values.put("max-idle", pool.getMaxIdle());
		values.put("min-idle", pool.getMinIdle());
		values.put("max-wait", pool.getMaxWaitDuration());
		return values;
	}

	private static Object clusterOptions(ClientOptions options) {
		if (!(options instanceof ClusterClientOptions cluster)) {
			return "none: Lettuce's defaults (no periodic topology refresh)";
		}
		ClusterTopologyRefreshOptions refresh = cluster.getTopologyRefreshOptions();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("periodic-refresh", refresh.isPeriodicRefreshEnabled() ? refresh.getRefreshPeriod() : "off");
		TreeSet<String> triggers = new TreeSet<>();
		refresh.getAdaptiveRefreshTriggers().forEach((trigger) -> triggers.add(trigger.name()));
		values.put("adaptive-refresh", triggers.isEmpty() ? "off" : triggers);
		values.put("dynamic-refresh-sources", refresh.useDynamicRefreshSources());
		values.put("validate-node-membership", cluster.isValidateClusterNodeMembership());
		return values;
	}

}
