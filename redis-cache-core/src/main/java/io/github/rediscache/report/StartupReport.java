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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Tells whether the application's Redis is ready for production: mode and shard count,
 * TLS, authentication, the eviction policy, and warnings for {@code noeviction},
 * plain-text or unauthenticated connections to a non-loopback host, and caches without a
 * TTL. Never logs a secret. It asks Redis, so run it off the callers' path, once after
 * start-up.
 *
 * @author redis-cache authors
 */
public class StartupReport implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final LettuceConnectionFactory connectionFactory;

	private final Supplier<Map<String, RedisCacheConfiguration>> caches;

	private final ExecutorService executor;

	@Nullable
	private volatile Report last;

	/**
	 * Create the report.
	 * @param connectionFactory the application's connection factory
	 * @param caches the configurations of the caches, by name; empty without a cache
	 * manager
	 */
	public StartupReport(LettuceConnectionFactory connectionFactory,
			Supplier<Map<String, RedisCacheConfiguration>> caches) {
		this.connectionFactory = connectionFactory;
		this.caches = caches;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-startup-report-");
		threads.setDaemon(true);
		this.executor = Executors.newSingleThreadExecutor(threads);
	}

	/**
	 * Log the report once, on a thread of its own: Redis may not answer at once. Later
	 * calls do nothing.
	 */
	public void logInBackground() {
		if (!this.executor.isShutdown()) {
			this.executor.execute(this::log);
			this.executor.shutdown();
		}
	}

	/**
	 * Stop a report that is still asking Redis.
	 */
	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * Ask Redis and log the report: one INFO line, then one WARN line per finding.
	 */
	public void log() {
		Report report = report();
		this.last = report;
		logger.info(report.summary());
		report.warnings().forEach(logger::warn);
	}

	/**
	 * Return the report last logged, for an operator who reads it later (Actuator's info
	 * endpoint, for example).
	 * @return the report, or {@code null} before it has run
	 */
	@Nullable
	public Report lastReport() {
		return this.last;
	}

	/**
	 * Ask Redis and compose the report.
	 * @return the report
	 */
	public Report report() {
		boolean cluster = this.connectionFactory.isClusterAware();
		RedisConfiguration configuration = cluster ? this.connectionFactory.getClusterConfiguration()
				: this.connectionFactory.getStandaloneConfiguration();
		boolean authenticated = configuration instanceof RedisConfiguration.WithPassword withPassword
				&& withPassword.getPassword().isPresent();
		String mode = cluster ? "cluster" : "standalone";
		String policy = "unknown";
		String unreachable = null;
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			if (cluster) {
				mode = "cluster (" + primaries((RedisClusterConnection) connection) + " shards)";
			}
			policy = evictionPolicy(connection);
		}
		catch (DataAccessException ex) {
			unreachable = ex.getClass().getSimpleName();
		}
		return compose(mode, this.connectionFactory.isUseSsl(), authenticated, hosts(cluster), policy, unreachable,
				cachesWithoutTtl());
	}

	static Report compose(String mode, boolean tls, boolean authenticated, List<String> hosts, String policy,
			String unreachable, List<String> cachesWithoutTtl) {
		List<String> warnings = new ArrayList<>();
		if (unreachable != null) {
			warnings.add("redis-cache: Redis is not reachable at start-up (" + unreachable
					+ "); callers are served by their loaders until it is");
		}
		if ("noeviction".equals(policy)) {
			warnings.add("redis-cache: maxmemory-policy is noeviction: when Redis is full, cache writes fail; "
					+ "use allkeys-lru or allkeys-lfu for a cache");
		}
		boolean remote = hosts.stream().anyMatch((host) -> !isLoopback(host));
		if (remote && !tls) {
			warnings.add("redis-cache: TLS is off for a non-loopback Redis (" + String.join(",", hosts)
					+ "); set spring.data.redis.ssl.enabled=true");
		}
		if (remote && !authenticated) {
			warnings.add("redis-cache: no password is set for a non-loopback Redis; set spring.data.redis.password "
					+ "(and spring.data.redis.username for an ACL user)");
		}
		cachesWithoutTtl.forEach((name) -> warnings
			.add("redis-cache: cache '" + name + "' writes keys without a TTL; they never expire unless evicted"));
		String summary = "redis-cache start-up checks: mode=" + mode + ", tls=" + (tls ? "on" : "off")
				+ ", authentication=" + (authenticated ? "on" : "off") + ", maxmemory-policy=" + policy;
		return new Report(summary, warnings);
	}

	private List<String> hosts(boolean cluster) {
		Collection<? extends RedisNode> nodes = cluster
				? this.connectionFactory.getClusterConfiguration().getClusterNodes()
				: List.of(new RedisNode(this.connectionFactory.getHostName(), this.connectionFactory.getPort()));
		return nodes.stream().map(RedisNode::getHost).distinct().toList();
	}

	private static long primaries(RedisClusterConnection connection) {
		Iterable<RedisClusterNode> nodes = connection.clusterGetNodes();
		long count = 0;
		for (RedisClusterNode node : nodes) {
			if (node.isMaster()) {
				count++;
			}
		}
		return count;
	}

	private static String evictionPolicy(RedisConnection connection) {
		try {
			Properties config = connection.serverCommands().getConfig("maxmemory-policy");
			return config.values().stream().map(Object::toString).distinct().collect(Collectors.joining(","));
		}
		catch (DataAccessException ex) {
			return "unknown (the server refuses CONFIG GET, as ElastiCache does; check the parameter group)";
		}
	}

	private List<String> cachesWithoutTtl() {
		List<String> names = new ArrayList<>();
		for (Map.Entry<String, RedisCacheConfiguration> entry : this.caches.get().entrySet()) {
			Duration ttl = entry.getValue().getTtlFunction().getTimeToLive("readiness-probe", "value");
			if (ttl == null || ttl.compareTo(Duration.ZERO) <= 0) {
				names.add(entry.getKey());
			}
		}
		return names;
	}

	private static boolean isLoopback(String host) {
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		try {
			return host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+\\]?") && InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (java.net.UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * The outcome of the report.
	 *
	 * @param summary one line: mode, TLS, authentication, eviction policy
	 * @param warnings what to fix before production
	 */
	public record Report(String summary, List<String> warnings) {
	}

}
