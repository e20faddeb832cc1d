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
package io.github.rediscache.autoconfigure;

import java.time.Duration;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.embedded.autoconfigure.EmbeddedRedisAutoConfiguration;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.cluster.ClusterClientOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The hardened options take effect on the client that talks to real Redis.
 */
class LettuceClientHardeningIntegrationTests {

	/**
	 * The client has cluster options with the topology refresh, works, and the info
	 * endpoint says so.
	 */
	private static void hasTheClusterOptions(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
		assertThat(factory.getClusterConfiguration()).isNotNull();
		AbstractRedisClient client = (AbstractRedisClient) factory.getNativeClient();
		assertThat(client.getOptions()).isInstanceOfSatisfying(ClusterClientOptions.class, (options) -> {
			assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
			assertThat(options.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofMinutes(1));
			assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
			assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
			assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(400));
		});
		StringRedisTemplate template = new StringRedisTemplate(factory);
		template.opsForValue().set("through-details", "kept");
		assertThat(template.opsForValue().get("through-details")).isEqualTo("kept");
		Info.Builder info = new Info.Builder();
		context.getBean("redisCacheInfoContributor", InfoContributor.class).contribute(info);
		assertThat(String.valueOf(info.build().get("redisCache"))).contains("periodic-refresh=PT1M")
			.contains("connect-timeout=PT0.4S")
			.contains("command-timeout=PT0.5S");
	}

	@Nested
	@EmbeddedRedis
	class Standalone {

		@Test
		void commandsAreRejectedAtOnceWhileDisconnectedAndWorkAgainAfterARestart(RedisDeployment redis) {
			TestContexts.with(redis).run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				StringRedisTemplate template = new StringRedisTemplate(factory);
				template.opsForValue().set("k", "v");
				AbstractRedisClient client = (AbstractRedisClient) factory.getNativeClient();
				assertThat(client.getOptions().getDisconnectedBehavior())
					.isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
				assertThat(client.getOptions().getSocketOptions().isKeepAlive()).isTrue();
				RedisNode node = redis.nodes().get(0);
				node.kill();
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThatException().isThrownBy(() -> template.opsForValue().get("k"))
						.withStackTraceContaining("Commands are rejected"));
				node.restart();
				await().atMost(Duration.ofSeconds(20))
					.ignoreExceptions()
					.untilAsserted(() -> assertThat(template.opsForValue().get("k")).isNull());
			});
		}

		@Test
		void blockingCommandsOfOtherRedisUsersKeepTheirOwnTimeWhileCacheCommandsTimeOutFast(RedisDeployment redis) {
			TestContexts.with(redis).run((context) -> {
				StringRedisTemplate template = new StringRedisTemplate(context.getBean(LettuceConnectionFactory.class));
				long start = System.nanoTime();
				assertThat(template.opsForList().leftPop("queue", Duration.ofSeconds(2))).isNull();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("BLPOP waited its 2 s")
					.isGreaterThanOrEqualTo(Duration.ofMillis(1900));
				template.opsForList().rightPush("queue", "job");
				assertThat(template.opsForList().leftPop("queue", Duration.ofSeconds(2))).isEqualTo("job");
				assertThat(template.opsForStream()
					.read(StreamReadOptions.empty().block(Duration.ofSeconds(1)),
							StreamOffset.create("events", ReadOffset.latest())))
					.as("XREAD BLOCK 1000 answered after its second")
					.isEmpty();
				assertThatException()
					.isThrownBy(() -> template.execute((RedisCallback<Object>) (connection) -> connection
						.execute("DEBUG", "SLEEP".getBytes(), "1".getBytes())))
					.as("any other command times out after the cache's 500 ms")
					.withStackTraceContaining("timed out");
			});
		}

	}

	@Nested
	@EmbeddedRedis(topology = Topology.CLUSTER, clusterNodeTimeoutMillis = 1000)
	class Cluster {

		@Test
		void clientFollowsAFailoverToTheReplica(RedisDeployment redis) {
			TestContexts.with(redis).run((context) -> {
				LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
				AbstractRedisClient client = (AbstractRedisClient) factory.getNativeClient();
				assertThat(client.getOptions()).isInstanceOf(ClusterClientOptions.class);
				assertThat(((ClusterClientOptions) client.getOptions()).getTopologyRefreshOptions()
					.getAdaptiveRefreshTriggers()).isNotEmpty();
				StringRedisTemplate template = new StringRedisTemplate(factory);
				template.opsForValue().set("failover-key", "kept");
				RedisNode primary = redis.primaryFor("failover-key");
				await().atMost(Duration.ofSeconds(5))
					.until(() -> redis.nodes()
						.stream()
						.filter((node) -> node != primary)
						.anyMatch((node) -> "kept".equals(readOnReplica(node))));
				primary.kill();
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.untilAsserted(() -> assertThat(template.opsForValue().get("failover-key")).isEqualTo("kept"));
				assertThat(redis.primaryFor("failover-key")).isNotSameAs(primary);
			});
		}

		@Test
		void aClusterGivenThroughTheApplicationsConnectionDetailsGetsTheClusterOptions(RedisDeployment redis) {
			RedisConnectionDetails details = new RedisConnectionDetails() {

				@Override
				public Cluster getCluster() {
					return () -> redis.nodes()
						.stream()
						.map((node) -> new RedisConnectionDetails.Node(node.host(), node.port()))
						.toList();
				}

			};
			TestContexts.withoutRedis()
				.withBean(RedisConnectionDetails.class, () -> details)
				.withConfiguration(AutoConfigurations.of(RedisCacheInfoAutoConfiguration.class))
				.run(LettuceClientHardeningIntegrationTests::hasTheClusterOptions);
		}

		@Test
		void aClusterOfTheEmbeddedRedisGetsTheClusterOptions() {
			TestContexts.withoutRedis()
				.withConfiguration(AutoConfigurations.of(EmbeddedRedisAutoConfiguration.class,
						RedisCacheInfoAutoConfiguration.class))
				.withPropertyValues("redis-cache.embedded.enabled=true", "redis-cache.embedded.topology=cluster",
						"redis-cache.embedded.replicas-per-primary=0")
				.run(LettuceClientHardeningIntegrationTests::hasTheClusterOptions);
		}

		private String readOnReplica(RedisNode node) {
			try {
				return node.call((commands) -> {
					commands.readOnly();
					return commands.get("failover-key");
				});
			}
			catch (RuntimeException ex) {
				return null;
			}
		}

	}

}
