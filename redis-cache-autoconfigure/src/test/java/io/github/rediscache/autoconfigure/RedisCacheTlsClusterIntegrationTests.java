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

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@EmbeddedRedis(topology = Topology.CLUSTER, tls = true, password = "tls-cluster-secret")
class RedisCacheTlsClusterIntegrationTests {

	@Test
	void cachesOverTlsWithFullHostnameVerification(RedisDeployment redis) {
		TestContexts.with(redis).run((context) -> {
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.isUseSsl()).isTrue();
			assertThat(factory.isVerifyPeer()).isTrue();
			CatalogueService service = context.getBean(CatalogueService.class);
			for (long id = 0; id < 20; id++) {
				service.product(id);
				assertThat(service.product(id).id()).isEqualTo(id);
			}
			assertThat(service.loads()).isEqualTo(20);
			String json = redis.primaryFor("products::3").call((commands) -> commands.get("products::3"));
			assertThat(json).contains("product-3");
		});
	}

	@Test
	void clientTrustingAnotherCaIsRefused(RedisDeployment redis) throws Exception {
		java.nio.file.Path other = java.nio.file.Files.createTempDirectory("other-ca");
		io.github.rediscache.embedded.TlsMaterial untrusted = io.github.rediscache.embedded.TlsMaterial.generate(other,
				"untrusted CA");
		TestContexts.with(redis)
			.withPropertyValues("spring.ssl.bundle.pem.redis-cache-embedded.truststore.certificate="
					+ untrusted.caCertificate().toUri())
			.run((context) -> {
				Throwable failure = (context.getStartupFailure() != null) ? context.getStartupFailure()
						: catchThrowable(() -> context.getBean(RedisConnectionFactory.class).getConnection().ping());
				assertThat(failure).hasStackTraceContaining("unable to find valid certification path");
			});
	}

}
