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

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
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

import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration.LettucePoolingClientConfigurationBuilder;
import org.springframework.lang.Nullable;
import org.springframework.util.ReflectionUtils;

/**
 * Hardens a Lettuce client for a cache: fail fast while disconnected, a bounded queue,
 * keep-alive and TCP_USER_TIMEOUT, cluster topology refresh that follows a failover,
 * failed nodes filtered out, jittered reconnects, a short command timeout for every
 * command that does not block by design, and a bounded pool wait. It applies
 * {@link ClientSettings} to the builders of the client options, the client configuration
 * and the client resources; a glue module calls it from its framework's customizers, with
 * the values the user set there already merged in.
 *
 * @author redis-cache authors
 */
public class LettuceClientHardening {

	/**
	 * Lettuce 7's {@code disableAllAdaptiveRefreshTriggers()}: its builder enables every
	 * adaptive trigger by default, so turning adaptive refresh off needs it.
	 */
	@Nullable
	private static final Method DISABLE_ALL_ADAPTIVE_TRIGGERS = ReflectionUtils
		.findMethod(ClusterTopologyRefreshOptions.Builder.class, "disableAllAdaptiveRefreshTriggers");

	private static final Log logger = LogFactory.getLog(LettuceClientHardening.class);

	private static final AtomicBoolean epollWarningLogged = new AtomicBoolean();

	private final ClientSettings settings;

	@Nullable
	private final PoolSettings pool;

	/**
	 * Create the hardening.
	 * @param settings the effective client settings
	 * @param pool the pool settings, or {@code null} to leave a pool as it is
	 */
	public LettuceClientHardening(ClientSettings settings, @Nullable PoolSettings pool) {
		this.settings = settings;
		this.pool = pool;
	}

	/**
	 * Return the settings applied.
	 * @return the settings
	 */
	public ClientSettings settings() {
		return this.settings;
	}

	/**
	 * Apply the client options. Socket options replace those already set, so the connect
	 * timeout of the settings is applied with them.
	 * @param builder the builder of the client options (a cluster one gets topology
	 * refresh and node filtering too)
	 */
	public void apply(ClientOptions.Builder builder) {
		builder.disconnectedBehavior(this.settings.disconnectedBehavior())
			.requestQueueSize(this.settings.requestQueueSize())
			.socketOptions(socketOptions())
			.timeoutOptions(TimeoutOptions.builder()
				.timeoutSource(new CommandTimeoutSource(this.settings.commandTimeout()))
				.build());
		if (builder instanceof ClusterClientOptions.Builder cluster) {
			applyCluster(cluster);
		}
	}

	private void applyCluster(ClusterClientOptions.Builder cluster) {
		ClientSettings.Cluster topology = this.settings.cluster();
		cluster.topologyRefreshOptions(topologyRefreshOptions())
			.validateClusterNodeMembership(topology.validateNodeMembership());
		if (topology.excludeFailedNodes()) {
			cluster.nodeFilter(
					(node) -> !(node.is(NodeFlag.FAIL) || node.is(NodeFlag.EVENTUAL_FAIL) || node.is(NodeFlag.NOADDR)));
		}
	}

	/**
	 * Finish a client configuration after the client options are built: the pool
	 * settings, and for a cluster whose client options are not cluster options (Spring
	 * Boot builds cluster options only from {@code spring.data.redis.cluster.*}, not for
	 * a cluster given through a {@code RedisConnectionDetails} bean, a Testcontainers
	 * service connection or the embedded Redis), the same options turned into cluster
	 * options with the topology refresh and node filtering. Cluster options that someone
	 * built on purpose are left as they are. Then log the settings in effect.
	 * @param builder the builder of the client configuration
	 * @param cluster whether the connection is to a Redis Cluster
	 */
	public void apply(LettuceClientConfigurationBuilder builder, boolean cluster) {
		apply(builder);
		if (cluster) {
			ClientOptions options = builder.build().getClientOptions().orElse(null);
			if (!(options instanceof ClusterClientOptions)) {
				ClusterClientOptions.Builder clusterOptions = (options != null) ? ClusterClientOptions.builder(options)
						: ClusterClientOptions.builder();
				if (options == null) {
					apply(clusterOptions);
				}
				else {
					applyCluster(clusterOptions);
				}
				builder.clientOptions(clusterOptions.build());
			}
		}
		if (logger.isInfoEnabled()) {
			logger.info("redis-cache hardened the Lettuce client that every Redis user of this application shares; "
					+ "in effect: " + EffectiveClientSettings.of(builder.build(), cluster).describe()
					+ ". Each is a redis-cache.client.* property; redis-cache.client.enabled=false leaves the client "
					+ "as Spring Boot makes it");
		}
	}

	/**
	 * Apply the pool settings to a pooling configuration. The configuration's own command
	 * timeout, which Spring Data Redis waits for every command and Spring Boot sets from
	 * {@code spring.data.redis.timeout}, is left alone: the cache's command timeout is
	 * applied by Lettuce to every command but those that block by design (see the client
	 * options), so that other users of the client keep their blocking commands.
	 * @param builder the builder of the client configuration
	 */
	public void apply(LettuceClientConfigurationBuilder builder) {
		if (this.pool != null && builder instanceof LettucePoolingClientConfigurationBuilder pooling) {
			pooling.poolConfig(this.pool.toPoolConfig());
		}
	}

	/**
	 * Apply reconnects with full jitter between the settings' bounds.
	 * @param builder the builder of the client resources
	 */
	public void apply(ClientResources.Builder builder) {
		builder.reconnectDelay(Delay.fullJitter(this.settings.reconnectMinDelay(), this.settings.reconnectMaxDelay(),
				100, TimeUnit.MILLISECONDS));
	}

	SocketOptions socketOptions() {
		ClientSettings.KeepAlive keepAlive = this.settings.keepAlive();
		Duration tcpUserTimeout = this.settings.tcpUserTimeout();
		boolean tcpUserTimeoutOn = tcpUserTimeout.compareTo(Duration.ZERO) > 0;
		if (tcpUserTimeoutOn) {
			warnOnceWithoutEpoll();
		}
		return SocketOptions.builder()
			.connectTimeout(this.settings.connectTimeout())
			.keepAlive(KeepAliveOptions.builder()
				.enable(keepAlive.enabled())
				.idle(keepAlive.idle())
				.interval(keepAlive.interval())
				.count(keepAlive.count())
				.build())
			.tcpUserTimeout(
					tcpUserTimeoutOn ? TcpUserTimeoutOptions.builder().enable().tcpUserTimeout(tcpUserTimeout).build()
							: TcpUserTimeoutOptions.builder().disable().build())
			.build();
	}

	ClusterTopologyRefreshOptions topologyRefreshOptions() {
		ClientSettings.Cluster topology = this.settings.cluster();
		ClusterTopologyRefreshOptions.Builder builder = ClusterTopologyRefreshOptions.builder()
			.dynamicRefreshSources(topology.dynamicRefreshSources())
			.closeStaleConnections(topology.closeStaleConnections());
		if (topology.topologyRefreshPeriod().compareTo(Duration.ZERO) > 0) {
			builder.enablePeriodicRefresh(topology.topologyRefreshPeriod());
		}
		if (topology.adaptiveRefresh()) {
			builder.enableAllAdaptiveRefreshTriggers()
				.adaptiveRefreshTriggersTimeout(topology.adaptiveRefreshTimeout())
				.refreshTriggersReconnectAttempts(topology.refreshTriggersReconnectAttempts());
		}
		else if (DISABLE_ALL_ADAPTIVE_TRIGGERS != null) {
			// Lettuce 7 starts from every trigger; Lettuce 6 from none and has no such
			// method.
			ReflectionUtils.invokeMethod(DISABLE_ALL_ADAPTIVE_TRIGGERS, builder);
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
