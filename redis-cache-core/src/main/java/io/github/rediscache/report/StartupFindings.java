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

import java.util.ArrayList;
import java.util.List;

/**
 * Judges {@link ServerFacts}: one finding per problem, each a single line with the fix.
 * Topology and sizing findings apply to remote hosts only: a laptop's loopback Redis is
 * not production.
 *
 * @author redis-cache authors
 */
final class StartupFindings {

	private StartupFindings() {
	}

	static List<StartupReport.Finding> of(ServerFacts facts) {
		List<StartupReport.Finding> findings = new ArrayList<>();
		if (facts.unreachable() != null) {
			add(findings, StartupCheck.UNREACHABLE, "Redis is not reachable at start-up (" + facts.unreachable()
					+ "); callers are served by their loaders until it is");
		}
		String policy = (facts.policy() != null) ? facts.policy() : "";
		if (policy.equals("noeviction")) {
			add(findings, StartupCheck.NOEVICTION, "maxmemory-policy is noeviction: when Redis is full, cache writes "
					+ "fail; use allkeys-lru or allkeys-lfu for a cache");
		}
		if (policy.startsWith("volatile-") && !facts.cachesWithoutTtl().isEmpty()) {
			add(findings, StartupCheck.VOLATILE_WITHOUT_TTL,
					"maxmemory-policy is " + policy + " but cache(s) " + facts.cachesWithoutTtl()
							+ " write keys without a TTL, which it never evicts (the same as noeviction for them); "
							+ "give every cache a ttl or use allkeys-lru");
		}
		if (policy.endsWith("-random")) {
			add(findings, StartupCheck.RANDOM_EVICTION, "maxmemory-policy is " + policy
					+ ": hot keys are evicted as readily as cold ones; use allkeys-lru or allkeys-lfu");
		}
		if (facts.remote()) {
			remoteFindings(facts, findings);
		}
		if (facts.commandTimeout().compareTo(StartupCheck.COMMAND_TIMEOUT_LIMIT) > 0) {
			add(findings, StartupCheck.SLOW_COMMAND_TIMEOUT,
					"the command timeout is " + facts.commandTimeout() + ": every cache call to a hung Redis waits "
							+ "that long before its loader runs; remove spring.data.redis.timeout or set it to 500ms");
		}
		facts.cachesWithoutTtl()
			.forEach((name) -> add(findings, StartupCheck.CACHE_WITHOUT_TTL,
					"cache '" + name + "' writes keys without a TTL; they never expire unless evicted"));
		return findings;
	}

	private static void remoteFindings(ServerFacts facts, List<StartupReport.Finding> findings) {
		String hosts = String.join(",", facts.hosts());
		if (facts.unreachable() == null && facts.maxmemory() == 0) {
			add(findings, StartupCheck.NO_MAXMEMORY, "maxmemory is 0 (no limit) on " + hosts
					+ ": Redis grows until the host runs out of memory; set maxmemory (ElastiCache sets it per node type)");
		}
		if (!facts.cluster() && facts.fewestReplicas() == 0) {
			add(findings, StartupCheck.REMOTE_STANDALONE, "a single standalone Redis on " + hosts
					+ " without replicas: nothing takes over when it fails; use a cluster or a replication group "
					+ "with 2 replicas and Multi-AZ");
		}
		else if (facts.cluster() && facts.primaries() >= 0 && facts.primaries() < 3) {
			add(findings, StartupCheck.FEW_PRIMARIES, "the cluster has " + facts.primaries()
					+ " primaries: losing one takes a large share of the keys; use at least 3 shards");
		}
		if (facts.cluster() && facts.primariesWithoutReplica() > 0) {
			add(findings, StartupCheck.PRIMARY_WITHOUT_REPLICA, facts.primariesWithoutReplica()
					+ " primaries have no replica: their shards are lost until they come back; use 2 replicas per shard");
		}
		else if (facts.fewestReplicas() > 0 && facts.fewestReplicas() < ServerFacts.REPLICAS_PER_SHARD) {
			add(findings, StartupCheck.FEW_REPLICAS, (facts.cluster() ? "a shard" : "the primary") + " has "
					+ facts.fewestReplicas() + " replica: after a failover it has no standby until a new replica "
					+ "has synced; use " + ServerFacts.REPLICAS_PER_SHARD
					+ " replicas per shard, in other availability zones (ElastiCache: replicas per shard 2, Multi-AZ)");
		}
		if (!facts.tls()) {
			add(findings, StartupCheck.NO_TLS,
					"TLS is off for a non-loopback Redis (" + hosts + "); set spring.data.redis.ssl.enabled=true");
		}
		if (!facts.authenticated()) {
			add(findings, StartupCheck.NO_AUTH, "no password is set for a non-loopback Redis; set "
					+ "spring.data.redis.password (and spring.data.redis.username for an ACL user)");
		}
	}

	private static void add(List<StartupReport.Finding> findings, StartupCheck check, String message) {
		findings.add(new StartupReport.Finding(check, "redis-cache: " + message));
	}

}
