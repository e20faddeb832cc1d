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

import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster topology refresh as the settings say, on whichever Lettuce line runs the test:
 * Lettuce 6 starts from no adaptive trigger, Lettuce 7 from all of them.
 */
class LettuceClientHardeningTests {

	@Test
	void adaptiveRefreshOnEnablesEveryTrigger() {
		ClusterTopologyRefreshOptions options = hardening(true).topologyRefreshOptions();
		assertThat(options.getAdaptiveRefreshTriggers()).containsExactlyInAnyOrder(RefreshTrigger.values());
		assertThat(options.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.isPeriodicRefreshEnabled()).isTrue();
	}

	@Test
	void adaptiveRefreshOffLeavesNoTriggerOnLettuceSixAndSeven() {
		ClusterTopologyRefreshOptions options = hardening(false).topologyRefreshOptions();
		assertThat(options.getAdaptiveRefreshTriggers()).isEmpty();
		assertThat(options.isPeriodicRefreshEnabled()).isTrue();
	}

	private static LettuceClientHardening hardening(boolean adaptive) {
		ClientSettings.Cluster cluster = ClientSettings.Cluster.DEFAULTS;
		ClientSettings defaults = ClientSettings.DEFAULTS;
		return new LettuceClientHardening(new ClientSettings(defaults.commandTimeout(), defaults.connectTimeout(),
				defaults.disconnectedBehavior(), defaults.requestQueueSize(), defaults.reconnectMinDelay(),
				defaults.reconnectMaxDelay(), defaults.tcpUserTimeout(), defaults.keepAlive(),
				new ClientSettings.Cluster(cluster.topologyRefreshPeriod(), adaptive, cluster.adaptiveRefreshTimeout(),
						cluster.refreshTriggersReconnectAttempts(), cluster.dynamicRefreshSources(),
						cluster.closeStaleConnections(), cluster.validateNodeMembership(),
						cluster.excludeFailedNodes())),
				null);
	}

}
