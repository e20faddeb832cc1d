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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RedisServerBinaryTests {

	@TempDir
	Path temp;

	@Test
	void environmentVariableWinsOverPath() throws Exception {
		Path configured = executable(this.temp.resolve("configured/redis-server"));
		Path onPath = executable(this.temp.resolve("bin/redis-server"));
		Path resolved = RedisServerBinary.resolve(
				Map.of("REDIS_SERVER", configured.toString(), "PATH", onPath.getParent().toString()), "Linux", "amd64",
				this.temp.resolve("extract"));
		assertThat(resolved).isEqualTo(configured);
	}

	@Test
	void environmentVariableThatIsNotExecutableFailsNamingItAndTheOptions() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisServerBinary.resolve(Map.of("REDIS_SERVER", "/nowhere/redis-server"), "Linux",
					"amd64", this.temp))
			.withMessageContaining("REDIS_SERVER=/nowhere/redis-server is not an executable file")
			.withMessageContaining("PATH")
			.withMessageContaining("org.signal:embedded-redis:0.9.1");
	}

	@Test
	void pathIsSearchedWhenNoVariableIsSet() throws Exception {
		Path onPath = executable(this.temp.resolve("bin/redis-server"));
		Path resolved = RedisServerBinary.resolve(Map.of("PATH", "/nowhere:" + onPath.getParent()), "Linux", "amd64",
				this.temp.resolve("extract"));
		assertThat(resolved).isEqualTo(onPath);
	}

	@Test
	void bundledBinaryIsExtractedOnceAndExecutable() throws Exception {
		Path extract = this.temp.resolve("extract");
		Path first = RedisServerBinary.resolve(Map.of(), "Linux", "amd64", extract);
		long modified = Files.getLastModifiedTime(first).toMillis();
		Path second = RedisServerBinary.resolve(Map.of(), "Linux", "amd64", extract);
		assertThat(first).isEqualTo(second).isExecutable().hasFileName("redis-server-7.0.15-linux-amd64");
		assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
	}

	@Test
	void noBinaryForThePlatformListsTheThreeOptions() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisServerBinary.resolve(Map.of(), "Windows 11", "amd64", this.temp))
			.withMessageContaining("No redis-server executable found for Windows 11/amd64")
			.withMessageContaining("REDIS_SERVER")
			.withMessageContaining("PATH")
			.withMessageContaining("org.signal:embedded-redis:0.9.1");
	}

	@Test
	void platformNamesMapToBundledResources() {
		assertThat(RedisServerBinary.bundledResourceName("Linux", "x86_64"))
			.isEqualTo("redis-server-7.0.15-linux-amd64");
		assertThat(RedisServerBinary.bundledResourceName("Mac OS X", "aarch64"))
			.isEqualTo("redis-server-7.0.15-darwin-arm64");
		assertThat(RedisServerBinary.bundledResourceName("Linux", "s390x")).isNull();
	}

	private static Path executable(Path path) throws Exception {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "#!/bin/sh\n");
		path.toFile().setExecutable(true);
		return path;
	}

}
