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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * {@code CLUSTER NODES}. Whether Redis is reachable is judged by {@code PING} alone (and
 * before it, whether any configured host resolves); a command refused or failed after it
 * leaves its fact unknown, with the reason.
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
		int primaries = cluster ? -1 : 1;
		int withoutReplica = -1;
		int fewestReplicas = -1;
		String policy = null;
		long maxmemory = -1;
		Map<String, String> unknown = new LinkedHashMap<>();
		String unreachable = unresolved(hosts);
		if (unreachable == null) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				// Reachability is judged by PING alone: a command refused or failed on
				// one
				// node afterwards leaves its fact unknown, not Redis unreachable.
				try {
					connection.ping();
				}
				catch (DataAccessException ex) {
					if (!String.valueOf(ex.getMostSpecificCause().getMessage()).contains("NOPERM")) {
						throw ex;
					}
				}
				if (cluster) {
					Iterable<RedisClusterNode> nodes = ask(unknown, "CLUSTER NODES",
							() -> ((RedisClusterConnection) connection).clusterGetNodes());
					if (nodes != null) {
						Map<String, Integer> replicas = replicasByPrimary(nodes);
						primaries = replicas.size();
						withoutReplica = (int) replicas.values().stream().filter((count) -> count == 0).count();
						fewestReplicas = replicas.values().stream().mapToInt(Integer::intValue).min().orElse(-1);
					}
				}
				else {
					Properties replication = ask(unknown, "INFO", () -> info(connection, "replication"));
					String role = (replication != null) ? value(replication, "role") : null;
					String replicas = (replication != null) ? value(replication, "connected_slaves") : null;
					if ("master".equals(role) && replicas != null) {
						fewestReplicas = Integer.parseInt(replicas.trim());
						withoutReplica = (fewestReplicas == 0) ? 1 : 0;
					}
				}
				Properties memory = ask(unknown, "INFO", () -> info(connection, "memory"));
				if (memory != null) {
					policy = value(memory, "maxmemory_policy");
					String limit = value(memory, "maxmemory");
					maxmemory = (limit != null) ? Long.parseLong(limit.trim()) : -1;
				}
			}
			catch (DataAccessException ex) {
				unreachable = ex.getClass().getSimpleName();
			}
		}
		return new ServerFacts(cluster, primaries, withoutReplica, fewestReplicas, policy, maxmemory,
				this.connectionFactory.isUseSsl(), authenticated, hosts, remote, unreachable, unknown, cachesWithoutTtl,
				commandTimeout);
	}

	/**
	 * Say why Redis cannot be reached when none of its configured hosts resolves, so that
	 * a wrong endpoint name is reported as such rather than as whatever fails next.
	 */
	@Nullable
	private static String unresolved(List<String> hosts) {
		for (String host : hosts) {
			try {
				InetAddress.getByName(host);
				return null;
			}
			catch (UnknownHostException ex) {
				// Try the next one.
			}
		}
		return "host " + String.join(", ", hosts) + " does not resolve (DNS): check the endpoint's name, and that "
				+ "this network resolves it (an ElastiCache endpoint resolves inside its VPC only)";
	}

	/**
	 * Run one command of the inspection; a failure leaves its fact unknown, recorded with
	 * its reason: {@code permission} for a command the user's ACL refuses.
	 */
	@Nullable
	private static <T> T ask(Map<String, String> unknown, String command, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessException ex) {
			String message = String.valueOf(ex.getMostSpecificCause().getMessage());
			unknown.putIfAbsent(command,
					message.contains("NOPERM") ? "permission" : ex.getMostSpecificCause().getClass().getSimpleName());
			return null;
		}
	}

	private List<String> hosts(boolean cluster) {
		Collection<? extends RedisNode> nodes = cluster
				? this.connectionFactory.getClusterConfiguration().getClusterNodes()
				: List.of(new RedisNode(this.connectionFactory.getHostName(), this.connectionFactory.getPort()));
		return nodes.stream().map(RedisNode::getHost).distinct().toList();
	}

	/**
	 * {@code INFO} of a section.
	 */
	private static Properties info(RedisConnection connection, String section) {
		Properties properties = connection.serverCommands().info(section);
		return (properties != null) ? properties : new Properties();
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

	/**
	 * The replicas of each primary that serves slots, by the primary's id.
	 */
	private static Map<String, Integer> replicasByPrimary(Iterable<RedisClusterNode> nodes) {
		Map<String, Integer> replicas = new HashMap<>();
		for (RedisClusterNode node : nodes) {
			if (node.isMaster() && node.getSlotRange() != null && !node.getSlotRange().getSlots().isEmpty()) {
				replicas.putIfAbsent(node.getId(), 0);
			}
		}
		for (RedisClusterNode node : nodes) {
			if (node.isReplica() && node.getMasterId() != null) {
				replicas.computeIfPresent(node.getMasterId(), (id, count) -> count + 1);
			}
		}
		return replicas;
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
