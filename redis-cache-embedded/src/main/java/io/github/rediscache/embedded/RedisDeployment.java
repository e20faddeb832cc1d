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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.cluster.SlotHash;

/**
 * Real {@code redis-server} processes on {@code 127.0.0.1}: one standalone server, or a
 * Redis Cluster of primaries with replicas, optionally with TLS, a password and ACL
 * users. Closing it kills every process it started and deletes their files; a JVM that
 * exits or is killed leaves none running either.
 *
 * <pre class="code">
 * try (RedisDeployment redis = RedisDeployment.cluster().primaries(3).replicasPerPrimary(1).tls(true).start()) {
 *     Map&lt;String, String&gt; properties = redis.springBootProperties();
 *     // ...
 * }
 * </pre>
 *
 * @author redis-cache authors
 */
public final class RedisDeployment implements AutoCloseable {

	private static final String SSL_BUNDLE = "redis-cache-embedded";

	private final Settings settings;

	private final Path directory;

	private final RedisAdmin admin;

	private final List<RedisNode> nodes;

	private volatile boolean closed;

	private RedisDeployment(Settings settings, Path directory, RedisAdmin admin, List<RedisNode> nodes) {
		this.settings = settings;
		this.directory = directory;
		this.admin = admin;
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * Start describing a single standalone server.
	 * @return a builder
	 */
	public static Builder standalone() {
		return new Builder(false);
	}

	/**
	 * Start describing a Redis Cluster, by default of 3 primaries with 1 replica each.
	 * @return a builder
	 */
	public static Builder cluster() {
		return new Builder(true);
	}

	/**
	 * Return whether this is a Redis Cluster.
	 * @return whether cluster mode is on
	 */
	public boolean isCluster() {
		return this.settings.cluster;
	}

	/**
	 * Return every node, primaries first in slot order, then their replicas, in the order
	 * they were started (roles may have changed since, after a failover).
	 * @return all nodes
	 */
	public List<RedisNode> nodes() {
		return this.nodes;
	}

	/**
	 * Return the node that currently serves the given key as a primary, as seen by the
	 * first node that answers.
	 * @param key the key
	 * @return its primary, or the standalone server
	 */
	public RedisNode primaryFor(String key) {
		if (!isCluster()) {
			return this.nodes.get(0);
		}
		return primaryForSlot(SlotHash.getSlot(key));
	}

	/**
	 * Return the node that currently serves the given slot as a primary, as seen by the
	 * first node that answers.
	 * @param slot the hash slot
	 * @return its primary
	 */
	public RedisNode primaryForSlot(int slot) {
		for (String line : clusterView()) {
			String[] fields = line.split(" ");
			if (fields[2].contains("master") && !fields[2].contains("fail") && servesSlot(fields, slot)) {
				return nodeAt(fields[1]);
			}
		}
		throw new IllegalStateException("No primary serves slot " + slot);
	}

	/**
	 * Move one hash slot, with its keys, to another primary, the way a resharding does:
	 * {@code CLUSTER SETSLOT IMPORTING/MIGRATING}, {@code MIGRATE} of every key, then
	 * {@code CLUSTER SETSLOT NODE} on every primary. Clients see {@code ASK} and then
	 * {@code MOVED} redirects meanwhile.
	 * @param slot the slot
	 * @param target the primary that takes it over
	 * @throws IllegalStateException if this is not a cluster or the target serves the
	 * slot
	 */
	public void migrateSlot(int slot, RedisNode target) {
		if (!isCluster()) {
			throw new IllegalStateException("migrateSlot applies to a cluster");
		}
		RedisNode source = primaryForSlot(slot);
		if (source == target) {
			throw new IllegalStateException(target + " already serves slot " + slot);
		}
		String sourceId = source.call((commands) -> commands.clusterMyId());
		String targetId = target.call((commands) -> commands.clusterMyId());
		target.call((commands) -> commands.clusterSetSlotImporting(slot, sourceId));
		source.call((commands) -> commands.clusterSetSlotMigrating(slot, targetId));
		List<String> keys;
		do {
			keys = source.call((commands) -> commands.clusterGetKeysInSlot(slot, 100));
			if (!keys.isEmpty()) {
				MigrateArgs<String> args = MigrateArgs.Builder.keys(keys);
				password().ifPresent((password) -> args.auth(password.toCharArray()));
				source.call((commands) -> commands.migrate(target.host(), target.port(), 0, 5000, args));
			}
		}
		while (!keys.isEmpty());
		target.call((commands) -> commands.clusterSetSlotNode(slot, targetId));
		source.call((commands) -> commands.clusterSetSlotNode(slot, targetId));
		for (RedisNode node : this.nodes) {
			if (node != source && node != target && node.isRunning()) {
				node.call((commands) -> commands.info("replication").contains("role:master")
						? commands.clusterSetSlotNode(slot, targetId) : "replica");
			}
		}
	}

	/**
	 * Delete every key on every running primary ({@code FLUSHALL}), for example between
	 * tests.
	 */
	public void flushAll() {
		for (RedisNode node : this.nodes) {
			if (node.isRunning()) {
				node.call((commands) -> commands.info("replication").contains("role:master") ? commands.flushall()
						: "replica");
			}
		}
	}

	/**
	 * Return the CA and server certificates when TLS is on.
	 * @return the TLS material, empty when TLS is off
	 */
	public Optional<TlsMaterial> tls() {
		return Optional.ofNullable(this.settings.tls);
	}

	/**
	 * Return the password of the default user when one is required.
	 * @return the password, empty when none is set
	 */
	public Optional<String> password() {
		return Optional.ofNullable(this.settings.password);
	}

	/**
	 * Return the {@code spring.data.redis.*} (and, with TLS, {@code spring.ssl.bundle.*})
	 * properties that connect a Spring Boot application to this deployment.
	 * @return the properties, in a stable order
	 */
	public Map<String, String> springBootProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		if (isCluster()) {
			properties.put("spring.data.redis.cluster.nodes",
					this.nodes.stream()
						.map((node) -> node.host() + ":" + node.port())
						.collect(Collectors.joining(",")));
		}
		else {
			properties.put("spring.data.redis.host", this.nodes.get(0).host());
			properties.put("spring.data.redis.port", Integer.toString(this.nodes.get(0).port()));
		}
		password().ifPresent((password) -> properties.put("spring.data.redis.password", password));
		tls().ifPresent((tls) -> {
			properties.put("spring.data.redis.ssl.enabled", "true");
			properties.put("spring.data.redis.ssl.bundle", SSL_BUNDLE);
			properties.put("spring.ssl.bundle.pem." + SSL_BUNDLE + ".truststore.certificate",
					tls.caCertificate().toUri().toString());
		});
		return properties;
	}

	/**
	 * Kill every process and delete their files. Safe to call more than once.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.nodes.forEach(RedisNode::kill);
		this.admin.close();
		deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return (isCluster() ? "Redis Cluster " : "Redis standalone ") + this.nodes;
	}

	private List<String> clusterView() {
		for (RedisNode node : this.nodes) {
			if (node.isRunning()) {
				try {
					return node.call((commands) -> commands.clusterNodes()).lines().toList();
				}
				catch (RuntimeException ex) {
					// A suspended or failing node: ask the next one.
				}
			}
		}
		throw new IllegalStateException("No node of " + this + " answers CLUSTER NODES");
	}

	private static boolean servesSlot(String[] fields, int slot) {
		for (int i = 8; i < fields.length; i++) {
			if (!fields[i].startsWith("[")) {
				String[] range = fields[i].split("-");
				int from = Integer.parseInt(range[0]);
				int to = Integer.parseInt(range[range.length - 1]);
				if (slot >= from && slot <= to) {
					return true;
				}
			}
		}
		return false;
	}

	private RedisNode nodeAt(String address) {
		int port = Integer.parseInt(address.substring(address.indexOf(':') + 1).split("[@,]")[0]);
		return this.nodes.stream()
			.filter((node) -> node.port() == port)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No node of " + this + " listens at " + address));
	}

	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Leftover files in the temporary directory are harmless.
		}
	}

	private record Settings(boolean cluster, int primaries, int replicasPerPrimary, Duration clusterNodeTimeout,
			TlsMaterial tls, String password, List<String> configuration) {

		@Override
		public String toString() {
			return "Settings[cluster=" + this.cluster + ", primaries=" + this.primaries + ", tls=" + (this.tls != null)
					+ ", password=" + ((this.password != null) ? "******" : "none") + "]";
		}

	}

	/**
	 * Describes a deployment and starts it. Every option is checked when it is set.
	 */
	public static final class Builder {

		private final boolean cluster;

		private int primaries = 3;

		private int replicasPerPrimary = 1;

		private Duration clusterNodeTimeout = Duration.ofSeconds(2);

		private boolean tls;

		private String password;

		private final List<String> configuration = new ArrayList<>();

		private Path binary;

		private Builder(boolean cluster) {
			this.cluster = cluster;
		}

		/**
		 * Set the number of primaries of a cluster (default 3).
		 * @param primaries at least 1
		 * @return this builder
		 */
		public Builder primaries(int primaries) {
			requireCluster("primaries");
			if (primaries < 1) {
				throw new IllegalArgumentException("primaries must be at least 1, was " + primaries);
			}
			this.primaries = primaries;
			return this;
		}

		/**
		 * Set the number of replicas of each primary of a cluster (default 1).
		 * @param replicas zero or more
		 * @return this builder
		 */
		public Builder replicasPerPrimary(int replicas) {
			requireCluster("replicasPerPrimary");
			if (replicas < 0) {
				throw new IllegalArgumentException("replicasPerPrimary must not be negative, was " + replicas);
			}
			this.replicasPerPrimary = replicas;
			return this;
		}

		/**
		 * Set {@code cluster-node-timeout}: how long a primary may be unreachable before
		 * its replica takes over (default 2 s; Redis's own default is 15 s).
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder clusterNodeTimeout(Duration timeout) {
			requireCluster("clusterNodeTimeout");
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("clusterNodeTimeout must be positive, was " + timeout);
			}
			this.clusterNodeTimeout = timeout;
			return this;
		}

		/**
		 * Set whether clients, replication and the cluster bus use TLS, with a new test
		 * CA and a server certificate for {@code localhost} and {@code 127.0.0.1}. Client
		 * certificates are not required.
		 * @param tls whether TLS is on
		 * @return this builder
		 */
		public Builder tls(boolean tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Require this password for the default user ({@code requirepass}); replicas use
		 * it too ({@code masterauth}).
		 * @param password a non-empty password
		 * @return this builder
		 */
		public Builder password(String password) {
			if (password == null || password.isEmpty() || password.contains("\n")) {
				throw new IllegalArgumentException("password must be non-empty and on one line");
			}
			this.password = password;
			return this;
		}

		/**
		 * Add an ACL user that is on, with a password and the given rules, for example
		 * {@code aclUser("cache", "secret", "~cache:* +get +set")}.
		 * @param name the user name
		 * @param password the user's password
		 * @param rules ACL rules: key patterns and command categories or commands
		 * @return this builder
		 */
		public Builder aclUser(String name, String password, String rules) {
			if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
				throw new IllegalArgumentException(
						"ACL user name must be letters, digits, '.', '_' or '-', was '" + name + "'");
			}
			if (password == null || password.isEmpty() || password.matches(".*\\s.*")) {
				throw new IllegalArgumentException(
						"password of ACL user '" + name + "' must be non-empty, without spaces");
			}
			return configure("user " + name + " on >" + password + " " + rules);
		}

		/**
		 * Add a raw {@code redis.conf} line to every node, for example
		 * {@code "maxmemory 10mb"}.
		 * @param line a configuration directive and its arguments
		 * @return this builder
		 */
		public Builder configure(String line) {
			if (line == null || line.isBlank() || line.contains("\n")) {
				throw new IllegalArgumentException("configuration must be one non-blank line, was '" + line + "'");
			}
			this.configuration.add(line);
			return this;
		}

		/**
		 * Use this {@code redis-server} instead of the one {@link RedisServerBinary}
		 * finds.
		 * @param binary an executable
		 * @return this builder
		 */
		public Builder binary(Path binary) {
			this.binary = binary;
			return this;
		}

		/**
		 * Start the processes and, for a cluster, return only once {@code cluster_state}
		 * is {@code ok} on every node, every slot is covered and every replica is in
		 * sync.
		 * @return the running deployment
		 * @throws IllegalStateException if a server does not start or the cluster does
		 * not form, with the servers' logs
		 */
		public RedisDeployment start() {
			Path directory = createDirectory();
			TlsMaterial tlsMaterial = this.tls
					? TlsMaterial.generate(directory.resolve("tls"), "redis-cache-embedded test CA") : null;
			Settings settings = new Settings(this.cluster, this.cluster ? this.primaries : 1,
					this.cluster ? this.replicasPerPrimary : 0, this.clusterNodeTimeout, tlsMaterial, this.password,
					List.copyOf(this.configuration));
			RedisAdmin admin = new RedisAdmin(tlsMaterial, this.password);
			Path executable = (this.binary != null) ? this.binary : RedisServerBinary.resolve();
			List<RedisNode> nodes = new ArrayList<>();
			int count = settings.primaries * (1 + settings.replicasPerPrimary);
			for (int i = 0; i < count; i++) {
				nodes.add(new RedisNode(executable, createDirectory(directory.resolve("node-" + i)),
						nodeConfiguration(settings), this.tls, this.cluster, admin));
			}
			RedisDeployment deployment = new RedisDeployment(settings, directory, admin, nodes);
			try {
				nodes.forEach(RedisNode::start);
				if (this.cluster) {
					new ClusterFormation(nodes.subList(0, settings.primaries),
							nodes.subList(settings.primaries, nodes.size()),
							Duration.ofSeconds(30).plus(settings.clusterNodeTimeout))
						.form();
				}
				return deployment;
			}
			catch (RuntimeException ex) {
				deployment.close();
				throw ex;
			}
		}

		private static List<String> nodeConfiguration(Settings settings) {
			// A cache's eviction policy: a memory limit set later evicts rather than
			// refuses.
			List<String> lines = new ArrayList<>(
					List.of("daemonize no", "save \"\"", "appendonly no", "enable-debug-command local",
							"loglevel notice", "repl-diskless-sync-delay 0", "maxmemory-policy allkeys-lru"));
			if (settings.password != null) {
				lines.add("requirepass " + settings.password);
				lines.add("masterauth " + settings.password);
			}
			if (settings.tls != null) {
				lines.add("tls-cert-file " + settings.tls.serverCertificate());
				lines.add("tls-key-file " + settings.tls.serverPrivateKey());
				lines.add("tls-ca-cert-file " + settings.tls.caCertificate());
				lines.add("tls-auth-clients no");
				if (settings.cluster) {
					lines.add("tls-cluster yes");
					lines.add("tls-replication yes");
				}
			}
			if (settings.cluster) {
				lines.add("cluster-enabled yes");
				lines.add("cluster-config-file nodes.conf");
				lines.add("cluster-node-timeout " + settings.clusterNodeTimeout.toMillis());
				// As on ElastiCache: the healthy shards keep serving while one shard has
				// no primary.
				lines.add("cluster-require-full-coverage no");
			}
			lines.addAll(settings.configuration);
			return lines;
		}

		private void requireCluster(String option) {
			if (!this.cluster) {
				throw new IllegalStateException(option + " applies to a cluster; use RedisDeployment.cluster()");
			}
		}

		private static Path createDirectory() {
			try {
				return Files.createTempDirectory("redis-cache-embedded-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not create a temporary directory", ex);
			}
		}

		private static Path createDirectory(Path directory) {
			try {
				return Files.createDirectories(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not create " + directory, ex);
			}
		}

	}

}
