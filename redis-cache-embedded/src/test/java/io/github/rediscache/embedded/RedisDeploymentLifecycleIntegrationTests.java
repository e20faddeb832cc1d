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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class RedisDeploymentLifecycleIntegrationTests {

	@Test
	void closeKillsEveryProcessFreesItsPortsAndDeletesItsFiles() throws Exception {
		RedisDeployment redis = RedisDeployment.cluster().primaries(3).replicasPerPrimary(1).start();
		List<Long> pids = redis.nodes().stream().map(RedisNode::pid).toList();
		List<Integer> ports = redis.nodes().stream().map(RedisNode::port).toList();
		Path directory = Path.of(redis.nodes().get(0).call((commands) -> commands.configGet("dir")).get("dir"))
			.getParent();
		assertThat(pids).hasSize(6).allMatch(RedisDeploymentLifecycleIntegrationTests::isAlive);
		redis.close();
		assertThat(pids).noneMatch(RedisDeploymentLifecycleIntegrationTests::isAlive);
		assertThat(ports).allMatch(RedisDeploymentLifecycleIntegrationTests::canBind);
		assertThat(directory).doesNotExist();
		redis.close();
	}

	@Test
	void serversDieWithTheJvmThatStartedThemEvenWhenItIsKilled() throws Exception {
		Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), StartAndWait.class.getName())
			.redirectErrorStream(true)
			.start();
		long redisPid;
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			do {
				line = output.readLine();
			}
			while (line != null && !line.startsWith("pid="));
			assertThat(line).as("child JVM output").isNotNull();
			redisPid = Long.parseLong(line.substring(4));
		}
		finally {
			jvm.destroyForcibly();
		}
		assertThat(isAlive(redisPid)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> !isAlive(redisPid));
	}

	@Test
	void springBootPropertiesDescribeAStandaloneServerWithPasswordAndTls() {
		try (RedisDeployment redis = RedisDeployment.standalone().password("s3cret").tls(true).start()) {
			Map<String, String> properties = redis.springBootProperties();
			assertThat(properties).containsEntry("spring.data.redis.host", "127.0.0.1")
				.containsEntry("spring.data.redis.port", Integer.toString(redis.nodes().get(0).port()))
				.containsEntry("spring.data.redis.password", "s3cret")
				.containsEntry("spring.data.redis.ssl.bundle", "redis-cache-embedded")
				.containsKey("spring.ssl.bundle.pem.redis-cache-embedded.truststore.certificate");
			assertThat(redis.toString()).doesNotContain("s3cret");
		}
	}

	@Test
	void builderRejectsBadOptionsNamingTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisDeployment.cluster().primaries(0))
			.withMessage("primaries must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisDeployment.cluster().replicasPerPrimary(-1))
			.withMessage("replicasPerPrimary must not be negative, was -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisDeployment.cluster().clusterNodeTimeout(Duration.ZERO))
			.withMessage("clusterNodeTimeout must be positive, was PT0S");
		assertThatIllegalStateException().isThrownBy(() -> RedisDeployment.standalone().primaries(3))
			.withMessageContaining("RedisDeployment.cluster()");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisDeployment.standalone().aclUser("bad name", "x", "+get"))
			.withMessageContaining("'bad name'");
	}

	@Test
	void serverThatCannotStartFailsWithItsLog() {
		assertThatIllegalStateException()
			.isThrownBy(() -> RedisDeployment.standalone().configure("no-such-directive yes").start())
			.withMessageContaining("did not start")
			.withMessageContaining("no-such-directive");
	}

	private static boolean isAlive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
	}

	private static boolean isZombie(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))
				.stream()
				.anyMatch((line) -> line.startsWith("State:") && line.contains("Z"));
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static boolean canBind(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	/**
	 * The main class of a child JVM that starts a server, prints its pid and waits to be
	 * killed.
	 */
	public static final class StartAndWait {

		public static void main(String[] args) throws Exception {
			RedisDeployment redis = RedisDeployment.standalone().start();
			System.out.println("pid=" + redis.nodes().get(0).pid());
			System.out.flush();
			Thread.currentThread().join();
		}

	}

}
