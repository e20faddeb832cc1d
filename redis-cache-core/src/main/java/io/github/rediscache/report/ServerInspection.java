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
package io.github.rediscache.report;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * Asks Redis what the start-up checks judge, with commands ElastiCache allows:
 * {@code INFO
 * memory} and {@code INFO replication} rather than {@code CONFIG GET}, and
 * {@code CLUSTER NODES}. A refused command leaves its fact unknown.
 *
 * @author redis-cache authors
 */
final class ServerInspection {

	private final LettuceConnectionFactory connectionFactory;

	private final Predicate<String> remoteHost;

	ServerInspection(LettuceConnectionFactory connectionFactory, @Nullable Predicate<String> remoteHost) {
		this.connectionFactory = connectionFactory;
		this.remoteHost = (remoteHost != null) ? remoteHost : (host) -> !isLoopback(host);
	}

	ServerFacts inspect(List<String> cachesWithoutTtl, Duration commandTimeout) {
		boolean cluster = this.connectionFactory.isClusterAware();
		RedisConfiguration configuration = cluster ? this.connectionFactory.getClusterConfiguration()
				: this.connectionFactory.getStandaloneConfiguration();
		// Whatever the connection really authenticates with: a password, or credentials
		// asked for on every connection (a password file, IAM tokens, any provider).
		boolean authenticated = (configuration instanceof RedisConfiguration.WithPassword withPassword
				&& withPassword.getPassword().isPresent())
				|| this.connectionFactory.getClientConfiguration().getRedisCredentialsProviderFactory().isPresent();
		List<String> hosts = hosts(cluster);
		boolean remote = hosts.stream().anyMatch(this.remoteHost);
		int primaries = cluster ? 0 : 1;
		int withoutReplica = -1;
		String policy = null;
		long maxmemory = -1;
		String unreachable = null;
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			if (cluster) {
				Iterable<RedisClusterNode> nodes = ((RedisClusterConnection) connection).clusterGetNodes();
				primaries = countPrimaries(nodes);
				withoutReplica = primariesWithoutReplica(nodes);
			}
			Properties memory = info(connection, "memory");
			policy = value(memory, "maxmemory_policy");
			String limit = value(memory, "maxmemory");
			maxmemory = (limit != null) ? Long.parseLong(limit.trim()) : -1;
		}
		catch (DataAccessException ex) {
			unreachable = ex.getClass().getSimpleName();
		}
		return new ServerFacts(cluster, primaries, withoutReplica, policy, maxmemory, this.connectionFactory.isUseSsl(),
				authenticated, hosts, remote, unreachable, cachesWithoutTtl, commandTimeout);
	}

	private List<String> hosts(boolean cluster) {
		Collection<? extends RedisNode> nodes = cluster
				? this.connectionFactory.getClusterConfiguration().getClusterNodes()
				: List.of(new RedisNode(this.connectionFactory.getHostName(), this.connectionFactory.getPort()));
		return nodes.stream().map(RedisNode::getHost).distinct().toList();
	}

	/**
	 * {@code INFO} of a section; refused (an ACL without {@code +info}) it is empty.
	 */
	private static Properties info(RedisConnection connection, String section) {
		try {
			Properties properties = connection.serverCommands().info(section);
			return (properties != null) ? properties : new Properties();
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause().getMessage() != null
					&& ex.getMostSpecificCause().getMessage().contains("NOPERM")) {
				return new Properties();
			}
			throw ex;
		}
	}

	/**
	 * A field of {@code INFO}; a cluster answers per node, as {@code host:port.field}.
	 */
	@Nullable
	private static String value(Properties info, String field) {
		for (String name : info.stringPropertyNames()) {
			if (name.equals(field) || name.endsWith("." + field)) {
				return info.getProperty(name);
			}
		}
		return null;
	}

	private static int countPrimaries(Iterable<RedisClusterNode> nodes) {
		int count = 0;
		for (RedisClusterNode node : nodes) {
			if (node.isMaster()) {
				count++;
			}
		}
		return count;
	}

	private static int primariesWithoutReplica(Iterable<RedisClusterNode> nodes) {
		Map<String, Integer> replicas = new HashMap<>();
		for (RedisClusterNode node : nodes) {
			if (node.isMaster()) {
				replicas.putIfAbsent(node.getId(), 0);
			}
		}
		for (RedisClusterNode node : nodes) {
			if (node.isReplica() && node.getMasterId() != null) {
				replicas.computeIfPresent(node.getMasterId(), (id, count) -> count + 1);
			}
		}
		return (int) replicas.values().stream().filter((count) -> count == 0).count();
	}

	static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		try {
			return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
