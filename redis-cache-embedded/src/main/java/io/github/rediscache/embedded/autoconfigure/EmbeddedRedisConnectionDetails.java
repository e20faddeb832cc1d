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
import org.springframework.lang.Nullable;

/**
 * {@link RedisConnectionDetails} of a running {@link RedisDeployment}, one source for
 * Spring Boot 3.5 and 4 (which reads the TLS bundle from another place).
 *
 * @author redis-cache authors
 */
class EmbeddedRedisConnectionDetails implements RedisConnectionDetails {

	private final RedisDeployment deployment;

	private final SslBundle sslBundle;

	@Nullable
	private final String username;

	@Nullable
	private final String password;

	EmbeddedRedisConnectionDetails(RedisDeployment deployment) {
		this(deployment, null, null);
	}

	/**
	 * Details that connect as the given user.
	 * @param deployment the deployment
	 * @param username the user, {@code null} for the default user
	 * @param password its password, {@code null} for the deployment's own
	 */
	EmbeddedRedisConnectionDetails(RedisDeployment deployment, @Nullable String username, @Nullable String password) {
		this.deployment = deployment;
		this.username = username;
		this.password = password;
		this.sslBundle = deployment.tls()
			.map((tls) -> SslBundle.of(new PemSslStoreBundle(null,
					PemSslStoreDetails.forCertificate(tls.caCertificate().toUri().toString()))))
			.orElse(null);
	}

	/**
	 * The trust of a TLS deployment: Spring Boot 4 reads it here; Spring Boot 3.5 reads
	 * it from the standalone or cluster details. Declared without {@code @Override} so
	 * that one source serves both generations.
	 * @return the bundle, or {@code null} without TLS
	 */
	public SslBundle getSslBundle() {
		return this.sslBundle;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return (this.password != null) ? this.password : this.deployment.password().orElse(null);
	}

	@Override
	public Standalone getStandalone() {
		if (this.deployment.isCluster()) {
			return null;
		}
		RedisNode node = this.deployment.nodes().get(0);
		SslBundle ssl = this.sslBundle;
		return new Standalone() {

			@Override
			public String getHost() {
				return node.host();
			}

			@Override
			public int getPort() {
				return node.port();
			}

			public SslBundle getSslBundle() {
				return ssl;
			}

		};
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

			public SslBundle getSslBundle() {
				return ssl;
			}

		};
	}

}
