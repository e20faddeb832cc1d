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

import java.util.ArrayList;
import java.util.List;

import io.github.rediscache.embedded.EmbeddedRedis.Topology;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Development-time embedded Redis: real {@code redis-server} processes on loopback that
 * the application starts for itself and connects to.
 *
 * @author redis-cache authors
 */
@ConfigurationProperties("redis-cache.embedded")
public class EmbeddedRedisProperties {

	/**
	 * Whether to start embedded redis-server processes and connect to them instead of the
	 * configured Redis. Meant for local development and demos, never for production.
	 */
	private boolean enabled;

	/**
	 * Shape of the embedded deployment.
	 */
	private Topology topology = Topology.STANDALONE;

	/**
	 * Number of primaries of an embedded cluster.
	 */
	private int primaries = 3;

	/**
	 * Number of replicas of each primary of an embedded cluster.
	 */
	private int replicasPerPrimary = 1;

	/**
	 * Whether the embedded servers use TLS with a throw-away test CA.
	 */
	private boolean tls;

	/**
	 * Extra redis.conf lines for every embedded server, such as 'maxmemory-policy
	 * allkeys-lru'.
	 */
	private List<String> configuration = new ArrayList<>();

	/**
	 * User the application connects as, such as an ACL user defined by a 'user' line of
	 * 'configuration'; its password comes from spring.data.redis.password's place in the
	 * connection (or a credentials provider such as redis-cache.client.password-file).
	 * Unset, the application connects as the default user.
	 */
	private String username;

	/**
	 * Password the application connects with, for the user above.
	 */
	private String password;

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public List<String> getConfiguration() {
		return this.configuration;
	}

	public void setConfiguration(List<String> configuration) {
		this.configuration = configuration;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Topology getTopology() {
		return this.topology;
	}

	public void setTopology(Topology topology) {
		this.topology = topology;
	}

	public int getPrimaries() {
		return this.primaries;
	}

	public void setPrimaries(int primaries) {
		this.primaries = primaries;
	}

	public int getReplicasPerPrimary() {
		return this.replicasPerPrimary;
	}

	public void setReplicasPerPrimary(int replicasPerPrimary) {
		this.replicasPerPrimary = replicasPerPrimary;
	}

	public boolean isTls() {
		return this.tls;
	}

	public void setTls(boolean tls) {
		this.tls = tls;
	}

}
