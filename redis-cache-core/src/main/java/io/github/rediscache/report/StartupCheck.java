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
import java.util.Locale;

/**
 * What the start-up checks look for, each with the fix in its message. The names, in
 * kebab case ({@code no-tls}), are what a team lists to turn a finding into a start-up
 * failure.
 *
 * @author redis-cache authors
 */
public enum StartupCheck {

	/** Redis did not answer at start-up. */
	UNREACHABLE,

	/** The eviction policy is {@code noeviction}: a full Redis refuses cache writes. */
	NOEVICTION,

	/**
	 * A {@code volatile-*} policy while some cache writes keys without a TTL: those keys
	 * are never evicted.
	 */
	VOLATILE_WITHOUT_TTL,

	/** A random eviction policy, which evicts hot keys as readily as cold ones. */
	RANDOM_EVICTION,

	/** No memory limit on a remote host: Redis grows until the host runs out. */
	NO_MAXMEMORY,

	/** A single standalone server on a remote host: nothing takes over when it fails. */
	REMOTE_STANDALONE,

	/** A remote cluster of fewer than 3 primaries. */
	FEW_PRIMARIES,

	/** A remote primary without a replica: its shard is lost until it comes back. */
	PRIMARY_WITHOUT_REPLICA,

	/**
	 * A remote primary with fewer replicas than the 2 per shard the production guide asks
	 * for: after a failover its shard has no standby until a new replica has synced.
	 */
	FEW_REPLICAS,

	/** TLS is off for a remote host. */
	NO_TLS,

	/** No password for a remote host. */
	NO_AUTH,

	/** The effective command timeout is above the 500 ms a cache should wait. */
	SLOW_COMMAND_TIMEOUT,

	/** A cache writes keys without a TTL. */
	CACHE_WITHOUT_TTL;

	/** The command timeout above which {@link #SLOW_COMMAND_TIMEOUT} is reported. */
	public static final Duration COMMAND_TIMEOUT_LIMIT = Duration.ofMillis(500);

	/**
	 * Return the check's name as it is written in properties, such as {@code no-tls}.
	 * @return the name
	 */
	public String propertyName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
