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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Tells whether the application's Redis is ready for production. It reads, with commands
 * ElastiCache allows, the mode and shards, replicas, the eviction policy and the memory
 * limit, and warns (one line each, with the fix) about each {@link StartupCheck}: an
 * eviction policy that fails writes, keeps TTL-less keys or evicts at random, a remote
 * standalone server, fewer than 3 primaries or a primary without replica, no TLS or no
 * password or no memory limit on a remote host, a command timeout above 500 ms, and
 * caches without a TTL. Never logs a secret. It asks Redis, so run it off the callers'
 * path, once after start-up, unless some findings must fail the start-up
 * ({@link #failOnAny(Set)}).
 *
 * @author redis-cache authors
 */
public class StartupReport implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final ServerInspection inspection;

	private final Supplier<Map<String, RedisCacheConfiguration>> caches;

	private final Duration commandTimeout;

	private final ExecutorService executor;

	@Nullable
	private volatile Report last;

	/**
	 * Create the report, judging hosts other than loopback as remote.
	 * @param connectionFactory the application's connection factory
	 * @param caches the configurations of the caches, by name; empty without a cache
	 * manager
	 * @param commandTimeout the effective command timeout
	 */
	public StartupReport(LettuceConnectionFactory connectionFactory,
			Supplier<Map<String, RedisCacheConfiguration>> caches, Duration commandTimeout) {
		this(connectionFactory, caches, commandTimeout, null);
	}

	/**
	 * Create the report.
	 * @param connectionFactory the application's connection factory
	 * @param caches the configurations of the caches, by name; empty without a cache
	 * manager
	 * @param commandTimeout the effective command timeout
	 * @param remoteHost which hosts count as remote, where topology, TLS, password and
	 * memory limit are checked; {@code null} for every host but loopback
	 */
	public StartupReport(LettuceConnectionFactory connectionFactory,
			Supplier<Map<String, RedisCacheConfiguration>> caches, Duration commandTimeout,
			@Nullable Predicate<String> remoteHost) {
		this.inspection = new ServerInspection(connectionFactory, remoteHost);
		this.caches = caches;
		this.commandTimeout = commandTimeout;
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
	 * Run the checks now, log them, and fail if any of the given checks found something:
	 * for teams that want hard gates at start-up.
	 * @param checks the checks whose findings fail the start-up
	 * @throws IllegalStateException naming the findings, if there are any
	 */
	public void failOnAny(Set<StartupCheck> checks) {
		Report report = log();
		List<String> failing = report.findings()
			.stream()
			.filter((finding) -> checks.contains(finding.check()))
			.map(Finding::message)
			.toList();
		if (!failing.isEmpty()) {
			throw new IllegalStateException("redis-cache start-up checks failed ("
					+ checks.stream().map(StartupCheck::propertyName).sorted().collect(Collectors.joining(","))
					+ " are set to fail the start-up in redis-cache.report.fail-on): " + String.join("; ", failing));
		}
		this.executor.shutdown();
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
	 * @return the report
	 */
	public Report log() {
		Report report = report();
		this.last = report;
		logger.info(report.summary());
		report.warnings().forEach(logger::warn);
		return report;
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
		return compose(this.inspection.inspect(cachesWithoutTtl(), this.commandTimeout));
	}

	static Report compose(ServerFacts facts) {
		String summary = "redis-cache start-up checks: mode=" + facts.mode() + ", tls=" + (facts.tls() ? "on" : "off")
				+ ", authentication=" + (facts.authenticated() ? "on" : "off") + ", maxmemory-policy="
				+ facts.policyText();
		return new Report(summary, StartupFindings.of(facts));
	}

	private List<String> cachesWithoutTtl() {
		List<String> names = new ArrayList<>();
		this.caches.get().forEach((name, configuration) -> {
			Duration ttl = configuration.getTtlFunction().getTimeToLive("start-up-check", "value");
			if (ttl == null || ttl.compareTo(Duration.ZERO) <= 0) {
				names.add(name);
			}
		});
		return names;
	}

	/**
	 * The outcome of the report.
	 *
	 * @param summary one line: mode, TLS, authentication, eviction policy
	 * @param findings what to fix before production
	 */
	public record Report(String summary, List<Finding> findings) {

		/**
		 * Return the findings' messages.
		 * @return one line per finding
		 */
		public List<String> warnings() {
			return this.findings.stream().map(Finding::message).toList();
		}

	}

	/**
	 * One finding of the report.
	 *
	 * @param check what was checked
	 * @param message what is wrong and how to fix it
	 */
	public record Finding(StartupCheck check, String message) {
	}

}
