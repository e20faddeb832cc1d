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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.ReauthenticateBehavior;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * IAM authentication end to end on real Redis, which plays ElastiCache: each new token
 * becomes the ACL user's password when it is issued (the previous one stays valid, as a
 * token stays valid until it expires), with a token every 1.1 s instead of every 10
 * minutes (tokens are signed to the second). Under 8 threads of traffic the open
 * connections re-authenticate with each new token in place, which is what renews
 * ElastiCache's 12-hour limit, no caller sees an error, and connections killed meanwhile
 * come back with the newest token.
 */
@EmbeddedRedis(configuration = "user iam-user off")
class ElastiCacheIamAuthenticationIntegrationTests {

	private static final String USER = "iam-user";

	@Test
	void openConnectionsReauthenticateWithEveryNewTokenUnderTrafficWithoutAnError(RedisDeployment redis)
			throws Exception {
		RedisNode node = redis.nodes().get(0);
		List<String> issued = new CopyOnWriteArrayList<>();
		ElastiCacheIamAuthentication iam = new ElastiCacheIamAuthentication(
				new ElastiCacheIamAuthentication.Settings(USER, "my-cache", "us-east-1", false,
						Duration.ofMillis(1100)),
				() -> AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
				Clock.systemUTC(), (token) -> {
					if (!issued.isEmpty() && issued.get(issued.size() - 1).equals(token)) {
						// Signed within the same second as the last one: the same token.
						return;
					}
					node.call((commands) -> commands.aclSetuser(USER,
							AclSetuserArgs.Builder.on().addPassword(token).allKeys().allChannels().allCommands()));
					if (issued.size() >= 2) {
						String expired = issued.get(issued.size() - 2);
						node.call((commands) -> commands.aclSetuser(USER,
								AclSetuserArgs.Builder.removePassword(expired)));
					}
					issued.add(token);
				});
		iam.start();
		ClientOptions.Builder options = ClientOptions.builder();
		new LettuceClientHardening(ClientSettings.DEFAULTS, null).apply(options);
		options.reauthenticateBehavior(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
		RedisStandaloneConfiguration standalone = new RedisStandaloneConfiguration(node.host(), node.port());
		standalone.setUsername(USER);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(standalone,
				LettuceClientConfiguration.builder()
					.clientOptions(options.build())
					.redisCredentialsProviderFactory(iam)
					.build());
		factory.afterPropertiesSet();
		factory.start();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			StringRedisTemplate template = new StringRedisTemplate(factory);
			template.opsForValue().set("iam", "first");
			Set<String> before = clientIds(node);
			long authsBefore = authCalls(node);
			int tokensBefore = issued.size();
			List<Throwable> errors = new CopyOnWriteArrayList<>();
			AtomicLong calls = new AtomicLong();
			AtomicBoolean running = new AtomicBoolean(true);
			for (int thread = 0; thread < 8; thread++) {
				callers.execute(() -> {
					while (running.get()) {
						try {
							template.opsForValue().set("iam", "value");
							template.opsForValue().get("iam");
							calls.incrementAndGet();
						}
						catch (RuntimeException ex) {
							errors.add(ex);
						}
					}
				});
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> issued.size() >= tokensBefore + 5);
			running.set(false);
			callers.shutdown();
			assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			assertThat(errors).as("errors seen by callers in %d calls", calls.get()).isEmpty();
			assertThat(clientIds(node)).as("the same connections, re-authenticated in place").containsAll(before);
			assertThat(authCalls(node) - authsBefore).as("AUTH commands of re-authentication")
				.isGreaterThanOrEqualTo(4);
			// Killed connections come back with the newest token.
			node.call((commands) -> commands.clientKill(io.lettuce.core.KillArgs.Builder.user(USER)));
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(template.opsForValue().get("iam")).isEqualTo("value"));
			assertThat(node.<String>call((commands) -> commands.clientList())).contains("user=" + USER);
		}
		finally {
			callers.shutdownNow();
			factory.destroy();
			iam.close();
		}
	}

	private static Set<String> clientIds(RedisNode node) {
		String clients = node.call((commands) -> commands.clientList());
		return clients.lines()
			.filter((line) -> line.contains("user=" + USER))
			.map((line) -> line.substring(0, line.indexOf(' ')))
			.collect(Collectors.toSet());
	}

	private static long authCalls(RedisNode node) {
		String stats = node.call((commands) -> commands.info("commandstats"));
		for (String line : new ArrayList<>(stats.lines().toList())) {
			if (line.startsWith("cmdstat_auth:calls=")) {
				return Long.parseLong(line.substring("cmdstat_auth:calls=".length(), line.indexOf(',')));
			}
		}
		return 0;
	}

}
