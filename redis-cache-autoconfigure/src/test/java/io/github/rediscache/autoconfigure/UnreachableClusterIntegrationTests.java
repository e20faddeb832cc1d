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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.cache.CacheAside;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.health.HealthIndicator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose Redis cluster refuses connections when it starts: callers are
 * served by their loaders, quickly, and never see an exception.
 */
class UnreachableClusterIntegrationTests {

	@Test
	void aClusterUnreachableAtStartUpCostsCallersNothing() throws Exception {
		TestContexts.withoutRedis()
			.withPropertyValues(
					"spring.data.redis.cluster.nodes=127.0.0.1:" + closedPort() + ",127.0.0.1:" + closedPort(),
					"spring.data.redis.timeout=250ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CatalogueService service = context.getBean(CatalogueService.class);
				CacheAside cacheAside = context.getBean(CacheAside.class);
				for (int i = 0; i < 50; i++) {
					assertThat(service.product(i).id()).isEqualTo(i);
					assertThat(cacheAside.get("products", "aside-" + i, () -> "loaded")).isEqualTo("loaded");
				}
				long start = System.nanoTime();
				for (int i = 0; i < 200; i++) {
					service.product(i);
					cacheAside.get("products", "aside-" + i, () -> "loaded");
				}
				Duration perCall = Duration.ofNanos((System.nanoTime() - start) / 400);
				assertThat(perCall).as("a call once the breaker knows").isLessThan(Duration.ofMillis(2));
				assertThat(context.getBean("redisCacheHealthIndicator", HealthIndicator.class)
					.health()
					.getStatus()
					.getCode()).isEqualTo("DEGRADED");
			});
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
