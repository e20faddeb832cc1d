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
package io.github.rediscache.embedded.autoconfigure;

import java.util.List;

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;

import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * {@link RedisConnectionDetails} of a running {@link RedisDeployment}.
 *
 * @author redis-cache authors
 */
class EmbeddedRedisConnectionDetails implements RedisConnectionDetails {

	private final RedisDeployment deployment;

	private final SslBundle sslBundle;

	EmbeddedRedisConnectionDetails(RedisDeployment deployment) {
		this.deployment = deployment;
		this.sslBundle = deployment.tls()
			.map((tls) -> SslBundle.of(new PemSslStoreBundle(null,
					PemSslStoreDetails.forCertificate(tls.caCertificate().toUri().toString()))))
			.orElse(null);
	}

	@Override
	public String getPassword() {
		return this.deployment.password().orElse(null);
	}

	@Override
	public Standalone getStandalone() {
		if (this.deployment.isCluster()) {
			return null;
		}
		RedisNode node = this.deployment.nodes().get(0);
		return Standalone.of(node.host(), node.port(), this.sslBundle);
	}

	@Override
	public Cluster getCluster() {
		if (!this.deployment.isCluster()) {
			return null;
		}
		List<Node> nodes = this.deployment.nodes().stream().map((node) -> new Node(node.host(), node.port())).toList();
		SslBundle ssl = this.sslBundle;
		return new Cluster() {

			@Override
			public List<Node> getNodes() {
				return nodes;
			}

			@Override
			public SslBundle getSslBundle() {
				return ssl;
			}

		};
	}

}
