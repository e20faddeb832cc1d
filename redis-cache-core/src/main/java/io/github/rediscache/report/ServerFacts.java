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
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;

/**
 * What the start-up checks learned about Redis.
 *
 * @param cluster whether it is a Redis Cluster
 * @param primaries how many primaries serve slots; -1 if unknown
 * @param primariesWithoutReplica how many primaries have no replica; -1 if unknown
 * @param fewestReplicas the fewest replicas a primary has (a standalone primary's
 * {@code connected_slaves}); -1 if unknown
 * @param policy the eviction policy, {@code null} if unknown
 * @param maxmemory the memory limit in bytes, -1 if unknown
 * @param tls whether the connection uses TLS
 * @param authenticated whether the connection authenticates
 * @param hosts the configured hosts
 * @param remote whether any host is not loopback
 * @param unreachable why Redis could not be reached, {@code null} if it answered
 * @param unknown why facts are unknown although Redis answered, by command (a refused
 * command: {@code permission}; another failure: its kind)
 * @param cachesWithoutTtl caches that write keys without a TTL
 * @param commandTimeout the effective command timeout
 * @author redis-cache authors
 */
record ServerFacts(boolean cluster, int primaries, int primariesWithoutReplica, int fewestReplicas,
		@Nullable String policy, long maxmemory, boolean tls, boolean authenticated, List<String> hosts, boolean remote,
		@Nullable String unreachable, Map<String, String> unknown, List<String> cachesWithoutTtl,
		Duration commandTimeout) {

	/** The number of replicas per shard the production guide asks for. */
	static final int REPLICAS_PER_SHARD = 2;

	String mode() {
		if (!this.cluster) {
			return (this.fewestReplicas > 0) ? "replication group (1 primary, " + this.fewestReplicas
					+ ((this.fewestReplicas == 1) ? " replica)" : " replicas)") : "standalone";
		}
		if (this.primaries < 0) {
			return "cluster (shards unknown: CLUSTER NODES " + this.unknown.getOrDefault("CLUSTER NODES", "failed")
					+ ")";
		}
		String replicas = (this.primariesWithoutReplica > 0) ? ", " + this.primariesWithoutReplica + " without replica"
				: "";
		return "cluster (" + this.primaries + " shards" + replicas + ")";
	}

	/**
	 * Describe the eviction policy for the summary: the policy, or why it is unknown.
	 */
	String policyText() {
		if (this.policy != null) {
			return this.policy;
		}
		if (this.unreachable != null) {
			return "unknown (Redis not reachable)";
		}
		String info = this.unknown.get("INFO");
		return "permission".equals(info) ? "unknown (permission: INFO refused; allow +info)"
				: "unknown (INFO failed: " + info + ")";
	}

}
