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
package io.github.rediscache.embedded;

import java.time.Duration;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedRedis(topology = EmbeddedRedis.Topology.CLUSTER, tls = true, password = "cluster-secret")
class TlsClusterIntegrationTests {

	@Test
	void clusterServesEveryShardOverVerifiedTls(RedisDeployment redis) {
		RedisNode seed = redis.nodes().get(0);
		RedisURI uri = RedisURI.builder()
			.withHost("localhost")
			.withPort(seed.port())
			.withSsl(true)
			.withVerifyPeer(SslVerifyMode.FULL)
			.withPassword("cluster-secret".toCharArray())
			.build();
		RedisClusterClient client = RedisClusterClient.create(uri);
		client.setOptions(ClusterClientOptions.builder()
			.sslOptions(SslOptions.builder().trustManager(redis.tls().orElseThrow().caCertificate().toFile()).build())
			.build());
		try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
			for (int i = 0; i < 50; i++) {
				connection.sync().set("key-" + i, "value-" + i);
			}
			for (int i = 0; i < 50; i++) {
				assertThat(connection.sync().get("key-" + i)).isEqualTo("value-" + i);
			}
			assertThat(connection.sync().dbsize()).isEqualTo(50);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
