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

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTimeoutSourceTests {

	private final CommandTimeoutSource source = new CommandTimeoutSource(Duration.ofMillis(500));

	@Test
	void cacheCommandsGetTheShortTimeout() {
		assertThat(this.source.getTimeout(command(CommandType.GET, "products::1"))).isEqualTo(500);
		assertThat(this.source.getTimeout(command(CommandType.SET, "products::1", "v"))).isEqualTo(500);
		assertThat(this.source.getTimeout(command(CommandType.EVAL, "return 1", "0"))).isEqualTo(500);
		assertThat(this.source.getTimeout(null)).as("a connect before any command").isEqualTo(500);
	}

	@Test
	void commandsThatBlockByDesignGetNoTimeoutFromLettuce() {
		assertThat(this.source.getTimeout(command(CommandType.BLPOP, "queue", "2"))).isZero();
		assertThat(this.source.getTimeout(command(CommandType.BRPOP, "queue", "2"))).isZero();
		assertThat(this.source.getTimeout(command(CommandType.BLMOVE, "a", "b", "LEFT", "RIGHT", "2"))).isZero();
		assertThat(this.source.getTimeout(command(CommandType.BZPOPMIN, "z", "2"))).isZero();
		assertThat(this.source.getTimeout(command(CommandType.WAIT, "1", "2000"))).isZero();
		assertThat(this.source.getTimeout(command(CommandType.XREAD, "BLOCK", "2000", "STREAMS", "s", "$"))).isZero();
		assertThat(this.source
			.getTimeout(command(CommandType.XREADGROUP, "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">")))
			.isZero();
	}

	@Test
	void aStreamReadWithoutBlockKeepsTheShortTimeoutEvenIfAStreamIsCalledBlock() {
		assertThat(this.source.getTimeout(command(CommandType.XREAD, "COUNT", "1", "STREAMS", "BLOCK", "0")))
			.isEqualTo(500);
	}

	private static Command<String, String, String> command(CommandType type, String... arguments) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
		for (String argument : arguments) {
			args.add(argument);
		}
		return new Command<>(type, new StatusOutput<>(StringCodec.UTF8), args);
	}

}
