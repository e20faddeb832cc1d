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
package io.github.rediscache.client;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;

/**
 * Gives every Redis command the cache's short timeout except the commands that block by
 * design ({@code BLPOP}, {@code BRPOP}, {@code BLMOVE}, {@code BZPOPMIN},
 * {@code XREAD BLOCK}, {@code WAIT} and the like): those get no timeout from Lettuce and
 * stay bounded by Spring Data Redis's own wait, {@code spring.data.redis.timeout} (60 s
 * unless set), exactly as without redis-cache. A queue consumer that blocks for 2 s on
 * the same client then gets its answer, not a timeout after the cache's 500 ms.
 *
 * @author redis-cache authors
 */
final class CommandTimeoutSource extends TimeoutOptions.TimeoutSource {

	private static final Set<CommandType> BLOCKING = EnumSet.of(CommandType.BLPOP, CommandType.BRPOP,
			CommandType.BRPOPLPUSH, CommandType.BLMOVE, CommandType.BLMPOP, CommandType.BZPOPMIN, CommandType.BZPOPMAX,
			CommandType.BZMPOP, CommandType.WAIT);

	private static final Set<CommandType> BLOCKING_WITH_OPTION = EnumSet.of(CommandType.XREAD, CommandType.XREADGROUP);

	private final long timeoutMillis;

	CommandTimeoutSource(Duration timeout) {
		this.timeoutMillis = timeout.toMillis();
	}

	/**
	 * Return the timeout of the commands that do not block by design.
	 * @return the timeout
	 */
	Duration timeout() {
		return Duration.ofMillis(this.timeoutMillis);
	}

	@Override
	public long getTimeout(RedisCommand<?, ?, ?> command) {
		return (command != null && blocks(command)) ? 0 : this.timeoutMillis;
	}

	static boolean blocks(RedisCommand<?, ?, ?> command) {
		ProtocolKeyword type = command.getType();
		if (!(type instanceof CommandType known)) {
			return false;
		}
		if (BLOCKING.contains(known) || known.name().equals("WAITAOF")) {
			return true;
		}
		return BLOCKING_WITH_OPTION.contains(known) && command.getArgs() != null
				&& hasBlockOption(command.getArgs().toCommandString());
	}

	/**
	 * Whether the options of an {@code XREAD} or {@code XREADGROUP}, the words before
	 * {@code STREAMS}, include {@code BLOCK}; stream names come after it.
	 */
	private static boolean hasBlockOption(String arguments) {
		for (String word : arguments.split(" ")) {
			if (word.equalsIgnoreCase("STREAMS")) {
				return false;
			}
			if (word.equalsIgnoreCase("BLOCK")) {
				return true;
			}
		}
		return false;
	}

}
