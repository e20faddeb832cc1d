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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.rediscache.autoconfigure.RedisCacheProperties.Client;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions.TcpUserTimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.EpollProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties.Lettuce.Cluster.Refresh;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration.LettucePoolingClientConfigurationBuilder;

/**
 * Hardens the Lettuce client that Spring Boot builds from {@code spring.data.redis.*}
 * through Boot's own customizer interfaces: fail fast while disconnected, a bounded
 * queue, keep-alive and TCP_USER_TIMEOUT, cluster topology refresh that follows a
 * failover, jittered reconnects, a short command timeout and a bounded pool wait. Every
 * value that the user set under {@code spring.data.redis.*} (timeouts, pool, refresh
 * period) is kept.
 *
 * @author redis-cache authors
 */
class LettuceClientHardening implements LettuceClientOptionsBuilderCustomizer,
		LettuceClientConfigurationBuilderCustomizer, ClientResourcesBuilderCustomizer {

	private static final Log logger = LogFactory.getLog(LettuceClientHardening.class);

	private static final AtomicBoolean epollWarningLogged = new AtomicBoolean();

	private final Client client;

	private final RedisProperties redis;

	private final ProductionPoolSettings pool;

	LettuceClientHardening(Client client, RedisProperties redis, ProductionPoolSettings pool) {
		this.client = client;
		this.redis = redis;
		this.pool = pool;
	}

	@Override
	public void customize(ClientOptions.Builder builder) {
		builder.disconnectedBehavior(this.client.getDisconnectedBehavior())
			.requestQueueSize(this.client.getRequestQueueSize())
			.socketOptions(socketOptions());
		if (builder instanceof ClusterClientOptions.Builder cluster) {
			RedisCacheProperties.Cluster settings = this.client.getCluster();
			cluster.topologyRefreshOptions(topologyRefreshOptions())
				.validateClusterNodeMembership(settings.isValidateNodeMembership());
			if (settings.isExcludeFailedNodes()) {
				cluster.nodeFilter((node) -> !(node.is(NodeFlag.FAIL) || node.is(NodeFlag.EVENTUAL_FAIL)
						|| node.is(NodeFlag.NOADDR)));
			}
		}
	}

	@Override
	public void customize(LettuceClientConfigurationBuilder builder) {
		if (this.redis.getTimeout() == null) {
			builder.commandTimeout(this.client.getCommandTimeout());
		}
		if (builder instanceof LettucePoolingClientConfigurationBuilder pooling) {
			pooling.poolConfig(this.pool.toPoolConfig());
		}
	}

	@Override
	public void customize(ClientResources.Builder builder) {
		builder.reconnectDelay(Delay.fullJitter(this.client.getReconnectMinDelay(), this.client.getReconnectMaxDelay(),
				100, TimeUnit.MILLISECONDS));
	}

	SocketOptions socketOptions() {
		Duration connectTimeout = (this.redis.getConnectTimeout() != null) ? this.redis.getConnectTimeout()
				: this.client.getConnectTimeout();
		RedisCacheProperties.KeepAlive keepAlive = this.client.getKeepAlive();
		Duration tcpUserTimeout = this.client.getTcpUserTimeout();
		boolean tcpUserTimeoutOn = tcpUserTimeout != null && tcpUserTimeout.compareTo(Duration.ZERO) > 0;
		if (tcpUserTimeoutOn) {
			warnOnceWithoutEpoll();
		}
		return SocketOptions.builder()
			.connectTimeout(connectTimeout)
			.keepAlive(KeepAliveOptions.builder()
				.enable(keepAlive.isEnabled())
				.idle(keepAlive.getIdle())
				.interval(keepAlive.getInterval())
				.count(keepAlive.getCount())
				.build())
			.tcpUserTimeout(
					tcpUserTimeoutOn ? TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(tcpUserTimeout).build()
							: TcpUserTimeoutOptions.builder().disable().build())
			.build();
	}

	ClusterTopologyRefreshOptions topologyRefreshOptions() {
		RedisCacheProperties.Cluster settings = this.client.getCluster();
		Refresh boot = this.redis.getLettuce().getCluster().getRefresh();
		Duration period = (boot.getPeriod() != null) ? boot.getPeriod() : settings.getTopologyRefreshPeriod();
		ClusterTopologyRefreshOptions.Builder builder = ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(settings.isDynamicRefreshSources() && boot.isDynamicRefreshSources())
			.closeStaleConnections(settings.isCloseStaleConnections());
		if (period != null && period.compareTo(Duration.ZERO) > 0) {
			builder.enablePeriodicRefresh(period);
		}
		if (settings.isAdaptiveRefresh() || boot.isAdaptive()) {
			builder.enableAllAdaptiveRefreshTriggers()
				.adaptiveRefreshTriggersTimeout(settings.getAdaptiveRefreshTimeout())
				.refreshTriggersReconnectAttempts(settings.getRefreshTriggersReconnectAttempts());
		}
		return builder.build();
	}

	private static void warnOnceWithoutEpoll() {
		boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
		if (linux && !EpollProvider.isAvailable() && epollWarningLogged.compareAndSet(false, true)) {
			logger.warn("redis-cache.client.tcp-user-timeout needs Netty's native epoll transport, which is not on "
					+ "the classpath: a connection to a dead Redis may hang until the OS gives up (up to 15 minutes). "
					+ "Add io.netty:netty-transport-native-epoll with the classifier of your platform "
					+ "(redis-cache-starter includes linux-x86_64 and linux-aarch_64).");
		}
	}

}
