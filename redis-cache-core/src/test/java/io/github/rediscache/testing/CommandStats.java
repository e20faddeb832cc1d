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
package io.github.rediscache.testing;

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;

/**
 * How many times the running nodes of a deployment served a command, from
 * {@code INFO commandstats}.
 */
public final class CommandStats {

	private CommandStats() {
	}

	/**
	 * Return the calls of a command on every running node.
	 * @param redis the deployment
	 * @param command the command, lower case, such as {@code get}
	 * @return the calls so far
	 */
	public static long calls(RedisDeployment redis, String command) {
		String field = "cmdstat_" + command + ":calls=";
		long total = 0;
		for (RedisNode node : redis.nodes()) {
			if (!node.isRunning()) {
				continue;
			}
			String stats = node.call((commands) -> commands.info("commandstats"));
			int at = stats.indexOf(field);
			if (at >= 0) {
				int from = at + field.length();
				total += Long.parseLong(stats.substring(from, stats.indexOf(',', from)));
			}
		}
		return total;
	}

}
