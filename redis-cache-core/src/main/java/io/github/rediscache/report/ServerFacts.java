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

import org.springframework.lang.Nullable;

/**
 * What the start-up checks learnt about the deployment and the application's settings.
 *
 * @param cluster whether Redis runs in cluster mode
 * @param primaries the number of primaries (1 for a standalone server)
 * @param primariesWithoutReplica how many primaries have no replica; -1 if unknown
 * @param policy the eviction policy, or {@code null} if the server would not tell
 * @param maxmemory the memory limit in bytes, or -1 if unknown
 * @param tls whether connections use TLS
 * @param authenticated whether a password is set
 * @param hosts the configured hosts
 * @param remote whether any host is remote (not loopback)
 * @param unreachable why Redis could not be asked, or {@code null}
 * @param cachesWithoutTtl the caches that write keys without a TTL
 * @param commandTimeout the effective command timeout
 * @author redis-cache authors
 */
record ServerFacts(boolean cluster, int primaries, int primariesWithoutReplica, @Nullable String policy, long maxmemory,
		boolean tls, boolean authenticated, List<String> hosts, boolean remote, @Nullable String unreachable,
		List<String> cachesWithoutTtl, Duration commandTimeout) {

	String mode() {
		if (!this.cluster) {
			return "standalone";
		}
		String replicas = (this.primariesWithoutReplica > 0) ? ", " + this.primariesWithoutReplica + " without replica"
				: "";
		return "cluster (" + this.primaries + " shards" + replicas + ")";
	}

}
