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
import java.util.Map;

import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.client.PoolSettings;
import io.github.rediscache.resilience.ResilienceSettings;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Everything redis-cache takes from the environment, resolved and validated once before
 * any bean is created: {@code redis-cache.*}, and the {@code spring.data.redis.*} values
 * that win over redis-cache's (command and connect timeouts, cluster refresh, pool).
 *
 * @param properties the bound {@code redis-cache.*} properties
 * @param defaults the settings of caches without settings of their own
 * @param caches the settings of caches by name
 * @param client the effective client settings, Spring Boot's values merged in
 * @param pool the effective pool settings
 * @param resilience the circuit breaker settings
 * @author redis-cache authors
 */
record RedisCacheSettings(RedisCacheProperties properties, CacheSpec defaults, Map<String, CacheSpec> caches,
		ClientSettings client, PoolSettings pool, ResilienceSettings resilience) {

	/** The name of the bean that holds the resolved settings. */
	static final String BEAN_NAME = "redisCacheSettings";

	private static final String POOL = "spring.data.redis.lettuce.pool.";

	private static final String NODE_PATTERN = "(\\[[0-9a-fA-F:.]+\\]|[^:\\s\\[\\]]+):([0-9]{1,5})";

	/**
	 * Return the command timeout every part of redis-cache uses: Spring Boot's
	 * {@code spring.data.redis.timeout} if set, else {@code redis-cache.client.*}'s.
	 * @return the command timeout
	 */
	Duration commandTimeout() {
		return this.client.commandTimeout();
	}

	static RedisCacheSettings resolve(Binder binder, ClassLoader classLoader) {
		RedisCacheProperties properties = binder.bindOrCreate("redis-cache", RedisCacheProperties.class);
		CacheSpecResolver specs = new CacheSpecResolver(properties, classLoader);
		CacheSpec defaults = specs.defaults();
		InvalidRedisCachePropertyException.named("redis-cache.serialization.",
				() -> Jackson2CacheValueSerialization.forPackages(properties.getSerialization().getAllowedPackages()));
		validateClusterNodes(
				binder.bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class)).orElse(List.of()));
		return new RedisCacheSettings(properties, defaults, specs.caches(defaults), client(properties, binder),
				pool(binder), InvalidRedisCachePropertyException.named("redis-cache.resilience.",
						() -> resilience(properties.getResilience())));
	}

	private static ClientSettings client(RedisCacheProperties properties, Binder binder) {
		RedisCacheProperties.Client client = properties.getClient();
		RedisCacheProperties.Cluster cluster = client.getCluster();
		RedisCacheProperties.KeepAlive keepAlive = client.getKeepAlive();
		ClientSettings ours = InvalidRedisCachePropertyException.named("redis-cache.client.",
				() -> new ClientSettings(client.getCommandTimeout(), client.getConnectTimeout(),
						client.getDisconnectedBehavior(), client.getRequestQueueSize(), client.getReconnectMinDelay(),
						client.getReconnectMaxDelay(), client.getTcpUserTimeout(),
						new ClientSettings.KeepAlive(keepAlive.isEnabled(), keepAlive.getIdle(),
								keepAlive.getInterval(), keepAlive.getCount()),
						new ClientSettings.Cluster(cluster.getTopologyRefreshPeriod(), cluster.isAdaptiveRefresh(),
								cluster.getAdaptiveRefreshTimeout(), cluster.getRefreshTriggersReconnectAttempts(),
								cluster.isDynamicRefreshSources(), cluster.isCloseStaleConnections(),
								cluster.isValidateNodeMembership(), cluster.isExcludeFailedNodes())));
		return withBootValues(ours, binder);
	}

	/**
	 * Spring Boot's own values win: {@code spring.data.redis.timeout} and
	 * {@code connect-timeout}, and the cluster refresh period; Boot's adaptive refresh
	 * adds to ours, and Boot's dynamic refresh sources can only turn ours off.
	 */
	private static ClientSettings withBootValues(ClientSettings client, Binder binder) {
		ClientSettings merged = client;
		Duration timeout = bind(binder, "spring.data.redis.timeout", Duration.class);
		if (timeout != null) {
			ClientSettings base = merged;
			merged = InvalidRedisCachePropertyException.namedAs("spring.data.redis.timeout",
					() -> base.withCommandTimeout(timeout));
		}
		Duration connectTimeout = bind(binder, "spring.data.redis.connect-timeout", Duration.class);
		if (connectTimeout != null) {
			ClientSettings base = merged;
			merged = InvalidRedisCachePropertyException.namedAs("spring.data.redis.connect-timeout",
					() -> base.withConnectTimeout(connectTimeout));
		}
		String refresh = "spring.data.redis.lettuce.cluster.refresh.";
		Duration period = bind(binder, refresh + "period", Duration.class);
		boolean bootAdaptive = Boolean.TRUE.equals(bind(binder, refresh + "adaptive", Boolean.class));
		boolean bootDynamicSources = !Boolean.FALSE
			.equals(bind(binder, refresh + "dynamic-refresh-sources", Boolean.class));
		ClientSettings.Cluster ours = merged.cluster();
		ClientSettings.Cluster cluster = InvalidRedisCachePropertyException.namedAs(refresh + "period",
				() -> new ClientSettings.Cluster((period != null) ? period : ours.topologyRefreshPeriod(),
						ours.adaptiveRefresh() || bootAdaptive, ours.adaptiveRefreshTimeout(),
						ours.refreshTriggersReconnectAttempts(), ours.dynamicRefreshSources() && bootDynamicSources,
						ours.closeStaleConnections(), ours.validateNodeMembership(), ours.excludeFailedNodes()));
		return merged.withCluster(cluster);
	}

	private static ResilienceSettings resilience(RedisCacheProperties.Resilience resilience) {
		return new ResilienceSettings(resilience.getFailureRateThreshold(), resilience.getSlowCallRateThreshold(),
				resilience.getSlowCallDurationThreshold(), resilience.getSlidingWindow(),
				resilience.getMinimumNumberOfCalls(), resilience.getWaitInOpenState(),
				resilience.getPermittedCallsInHalfOpenState(), resilience.getMaxPendingEvictionsPerCache());
	}

	private static PoolSettings pool(Binder binder) {
		return InvalidRedisCachePropertyException.named("",
				() -> PoolSettings.withProductionDefaults(POOL, bind(binder, POOL + "max-active", Integer.class),
						bind(binder, POOL + "max-idle", Integer.class), bind(binder, POOL + "min-idle", Integer.class),
						bind(binder, POOL + "max-wait", Duration.class),
						bind(binder, POOL + "time-between-eviction-runs", Duration.class)));
	}

	private static <T> T bind(Binder binder, String name, Class<T> type) {
		return binder.bind(name, Bindable.of(type)).orElse(null);
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
