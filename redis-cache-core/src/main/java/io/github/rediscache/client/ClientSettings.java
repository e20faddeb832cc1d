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

import java.time.Duration;

import io.github.rediscache.settings.InvalidSettingException;
import io.github.rediscache.settings.Require;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.lang.Nullable;

/**
 * The Lettuce client options redis-cache applies, sized for a cache on AWS ElastiCache or
 * any Redis 7: fail fast while disconnected, a bounded queue, keep-alive and
 * TCP_USER_TIMEOUT, cluster topology refresh that follows a failover, jittered reconnects
 * and short timeouts.
 *
 * @param commandTimeout how long a command may take
 * @param connectTimeout how long a connect may take
 * @param disconnectedBehavior what happens to commands while the connection is down
 * @param requestQueueSize commands queued on one connection before new ones are rejected
 * @param reconnectMinDelay shortest delay before a reconnect attempt (full jitter)
 * @param reconnectMaxDelay longest delay before a reconnect attempt
 * @param tcpUserTimeout TCP_USER_TIMEOUT; zero turns it off
 * @param keepAlive TCP keep-alive
 * @param cluster cluster topology handling
 * @author redis-cache authors
 */
public record ClientSettings(Duration commandTimeout, Duration connectTimeout,
		DisconnectedBehavior disconnectedBehavior, int requestQueueSize, Duration reconnectMinDelay,
		Duration reconnectMaxDelay, Duration tcpUserTimeout, KeepAlive keepAlive, Cluster cluster) {

	/**
	 * Command timeout 500 ms, connect timeout 400 ms, reject commands while disconnected,
	 * a queue of 5000, reconnects after 100 ms to 10 s, TCP_USER_TIMEOUT 30 s,
	 * {@link KeepAlive#DEFAULTS keep-alive} and {@link Cluster#DEFAULTS cluster}
	 * defaults.
	 */
	public static final ClientSettings DEFAULTS = new ClientSettings(Duration.ofMillis(500), Duration.ofMillis(400),
			DisconnectedBehavior.REJECT_COMMANDS, 5000, Duration.ofMillis(100), Duration.ofSeconds(10),
			Duration.ofSeconds(30), KeepAlive.DEFAULTS, Cluster.DEFAULTS);

	/**
	 * Validate the settings.
	 * @param commandTimeout a positive duration
	 * @param connectTimeout a positive duration
	 * @param disconnectedBehavior the behaviour
	 * @param requestQueueSize at least 1
	 * @param reconnectMinDelay a positive duration
	 * @param reconnectMaxDelay at least the minimum delay
	 * @param tcpUserTimeout zero or a positive duration
	 * @param keepAlive keep-alive
	 * @param cluster cluster topology handling
	 */
	public ClientSettings {
		Require.positive("command-timeout", commandTimeout);
		Require.positive("connect-timeout", connectTimeout);
		Require.present("disconnected-behavior", disconnectedBehavior);
		Require.atLeast("request-queue-size", requestQueueSize, 1, "Set a bound such as 5000.");
		Require.positive("reconnect-min-delay", reconnectMinDelay);
		Require.positive("reconnect-max-delay", reconnectMaxDelay);
		if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
			throw new InvalidSettingException("reconnect-max-delay", reconnectMaxDelay,
					"is shorter than reconnect-min-delay (" + reconnectMinDelay + ")",
					"Set reconnect-max-delay to at least reconnect-min-delay.");
		}
		Require.notNegative("tcp-user-timeout", tcpUserTimeout);
		Require.present("keep-alive", keepAlive);
		Require.present("cluster", cluster);
	}

	/**
	 * Return a copy in which the values the application set on its own client win:
	 * command and connect timeouts and the topology refresh period replace ours, the
	 * application's adaptive refresh adds to ours, and its dynamic refresh sources can
	 * only turn ours off.
	 * @param commandTimeout the application's command timeout, or {@code null}
	 * @param connectTimeout the application's connect timeout, or {@code null}
	 * @param refreshPeriod the application's topology refresh period, or {@code null}
	 * @param adaptiveRefresh whether the application turned adaptive refresh on
	 * @param dynamicRefreshSources whether the application left dynamic refresh sources
	 * on
	 * @return a copy
	 */
	public ClientSettings withApplicationValues(@Nullable Duration commandTimeout, @Nullable Duration connectTimeout,
			@Nullable Duration refreshPeriod, boolean adaptiveRefresh, boolean dynamicRefreshSources) {
		Cluster merged = new Cluster((refreshPeriod != null) ? refreshPeriod : this.cluster.topologyRefreshPeriod(),
				this.cluster.adaptiveRefresh() || adaptiveRefresh, this.cluster.adaptiveRefreshTimeout(),
				this.cluster.refreshTriggersReconnectAttempts(),
				this.cluster.dynamicRefreshSources() && dynamicRefreshSources, this.cluster.closeStaleConnections(),
				this.cluster.validateNodeMembership(), this.cluster.excludeFailedNodes());
		return new ClientSettings((commandTimeout != null) ? commandTimeout : this.commandTimeout,
				(connectTimeout != null) ? connectTimeout : this.connectTimeout, this.disconnectedBehavior,
				this.requestQueueSize, this.reconnectMinDelay, this.reconnectMaxDelay, this.tcpUserTimeout,
				this.keepAlive, merged);
	}

	/**
	 * Return a copy with the given command timeout.
	 * @param commandTimeout a positive duration
	 * @return a copy
	 */
	public ClientSettings withCommandTimeout(Duration commandTimeout) {
		return new ClientSettings(commandTimeout, this.connectTimeout, this.disconnectedBehavior, this.requestQueueSize,
				this.reconnectMinDelay, this.reconnectMaxDelay, this.tcpUserTimeout, this.keepAlive, this.cluster);
	}

	/**
	 * TCP keep-alive, so that a connection to a vanished peer is noticed.
	 *
	 * @param enabled whether keep-alive is on
	 * @param idle idle time before the first probe
	 * @param interval time between probes
	 * @param count unanswered probes before the connection is dropped
	 */
	public record KeepAlive(boolean enabled, Duration idle, Duration interval, int count) {

		/** On: idle 15 s, interval 5 s, 3 probes. */
		public static final KeepAlive DEFAULTS = new KeepAlive(true, Duration.ofSeconds(15), Duration.ofSeconds(5), 3);

		/**
		 * Validate the settings.
		 * @param enabled whether keep-alive is on
		 * @param idle a positive duration
		 * @param interval a positive duration
		 * @param count at least 1
		 */
		public KeepAlive {
			Require.positive("keep-alive.idle", idle);
			Require.positive("keep-alive.interval", interval);
			Require.atLeast("keep-alive.count", count, 1, "Set a number of probes such as 3.");
		}

	}

	/**
	 * How a cluster client follows topology changes such as a failover.
	 *
	 * @param topologyRefreshPeriod how often the topology is re-read; zero turns periodic
	 * refresh off
	 * @param adaptiveRefresh whether every adaptive refresh trigger is on
	 * @param adaptiveRefreshTimeout shortest time between two adaptive refreshes
	 * @param refreshTriggersReconnectAttempts failed reconnects that trigger a refresh
	 * @param dynamicRefreshSources whether every known node is asked for the topology
	 * @param closeStaleConnections whether connections to nodes that left are closed
	 * @param validateNodeMembership whether connections are refused to nodes outside the
	 * known topology
	 * @param excludeFailedNodes whether nodes flagged FAIL, EVENTUAL_FAIL or NOADDR are
	 * left out of the topology
	 */
	public record Cluster(Duration topologyRefreshPeriod, boolean adaptiveRefresh, Duration adaptiveRefreshTimeout,
			int refreshTriggersReconnectAttempts, boolean dynamicRefreshSources, boolean closeStaleConnections,
			boolean validateNodeMembership, boolean excludeFailedNodes) {

		/**
		 * Periodic refresh every 60 s, all adaptive triggers at most every 5 s and after
		 * 3 failed reconnects, dynamic sources, stale connections closed, no membership
		 * validation, failed nodes excluded.
		 */
		public static final Cluster DEFAULTS = new Cluster(Duration.ofSeconds(60), true, Duration.ofSeconds(5), 3, true,
				true, false, true);

		/**
		 * Validate the settings.
		 * @param topologyRefreshPeriod zero or a positive duration
		 * @param adaptiveRefresh whether adaptive triggers are on
		 * @param adaptiveRefreshTimeout a positive duration
		 * @param refreshTriggersReconnectAttempts at least 1
		 * @param dynamicRefreshSources whether all nodes are asked
		 * @param closeStaleConnections whether stale connections are closed
		 * @param validateNodeMembership whether membership is validated
		 * @param excludeFailedNodes whether failed nodes are excluded
		 */
		public Cluster {
			Require.notNegative("cluster.topology-refresh-period", topologyRefreshPeriod);
			Require.positive("cluster.adaptive-refresh-timeout", adaptiveRefreshTimeout);
			Require.atLeast("cluster.refresh-triggers-reconnect-attempts", refreshTriggersReconnectAttempts, 1,
					"Set a number of attempts such as 3.");
		}

	}

}
