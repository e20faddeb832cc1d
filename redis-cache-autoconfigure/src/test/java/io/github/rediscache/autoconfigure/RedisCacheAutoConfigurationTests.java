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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.rediscache.cache.CacheAside;
import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.client.LettuceClientHardening;
import io.github.rediscache.report.StartupReport;
import io.github.rediscache.resilience.RedisGuard;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.cache.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.StringRedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class RedisCacheAutoConfigurationTests {

	private final ApplicationContextRunner runner = TestContexts.withoutRedis();

	@Test
	void defaultsHardenTheClientThatBootCreates() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LettuceConnectionFactory.class)
				.hasSingleBean(ResilientRedisCacheManager.class);
			LettuceClientConfiguration configuration = context.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration();
			assertThat(configuration.getCommandTimeout()).as("Spring Data Redis's wait, as Boot sets it")
				.isEqualTo(Duration.ofSeconds(60));
			ClientOptions options = configuration.getClientOptions().orElseThrow();
			assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
			assertThat(options.getTimeoutOptions().getSource().getTimeout(null)).as("Lettuce's timeout of a command")
				.isEqualTo(500);
			assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
			assertThat(options.getRequestQueueSize()).isEqualTo(5000);
			SocketOptions socket = options.getSocketOptions();
			assertThat(socket.getConnectTimeout()).isEqualTo(Duration.ofMillis(400));
			assertThat(socket.isKeepAlive()).isTrue();
			assertThat(socket.getKeepAlive().getIdle()).isEqualTo(Duration.ofSeconds(15));
			assertThat(socket.getKeepAlive().getInterval()).isEqualTo(Duration.ofSeconds(5));
			assertThat(socket.getKeepAlive().getCount()).isEqualTo(3);
			assertThat(socket.isEnableTcpUserTimeout()).isTrue();
			assertThat(socket.getTcpUserTimeout().getTcpUserTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(options.isAutoReconnect()).isTrue();
		});
	}

	@Test
	void bootsOwnTimeoutsSurviveTogetherWithTheHardening() {
		this.runner.withPropertyValues("spring.data.redis.timeout=2s", "spring.data.redis.connect-timeout=3s")
			.run((context) -> {
				LettuceClientConfiguration configuration = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration();
				assertThat(configuration.getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(
						configuration.getClientOptions().orElseThrow().getTimeoutOptions().getSource().getTimeout(null))
					.isEqualTo(2000);
				SocketOptions socket = configuration.getClientOptions().orElseThrow().getSocketOptions();
				assertThat(socket.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(socket.isKeepAlive()).isTrue();
				assertThat(socket.isEnableTcpUserTimeout()).isTrue();
			});
	}

	@Test
	void reconnectsBackOffWithFullJitterBetweenTheBounds() {
		this.runner.run((context) -> {
			ClientResources resources = context.getBean(ClientResources.class);
			for (int attempt = 1; attempt <= 30; attempt++) {
				assertThat(resources.reconnectDelay().createDelay(attempt)).isBetween(Duration.ofMillis(100),
						Duration.ofSeconds(10));
			}
			assertThat(resources.reconnectDelay().getClass().getSimpleName()).isEqualTo("FullJitterDelay");
		});
	}

	@Test
	void clusterFollowsFailoversAndIgnoresFailedNodes() {
		this.runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001")
			.run((context) -> {
				ClientOptions options = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getClientOptions()
					.orElseThrow();
				assertThat(options).isInstanceOf(ClusterClientOptions.class);
				ClusterClientOptions cluster = (ClusterClientOptions) options;
				assertThat(cluster.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
				assertThat(cluster.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(60));
				assertThat(cluster.getTopologyRefreshOptions().getAdaptiveRefreshTriggers())
					.containsExactlyInAnyOrder(RefreshTrigger.values());
				assertThat(cluster.getTopologyRefreshOptions().getAdaptiveRefreshTimeout())
					.isEqualTo(Duration.ofSeconds(5));
				assertThat(cluster.getTopologyRefreshOptions().getRefreshTriggersReconnectAttempts()).isEqualTo(3);
				assertThat(cluster.getTopologyRefreshOptions().useDynamicRefreshSources()).isTrue();
				assertThat(cluster.getTopologyRefreshOptions().isCloseStaleConnections()).isTrue();
				assertThat(cluster.isValidateClusterNodeMembership()).isFalse();
				assertThat(cluster.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
				assertThat(cluster.getSocketOptions().isKeepAlive()).isTrue();
				assertThat(cluster.getNodeFilter().test(node(NodeFlag.UPSTREAM))).isTrue();
				assertThat(cluster.getNodeFilter().test(node(NodeFlag.UPSTREAM, NodeFlag.FAIL))).isFalse();
				assertThat(cluster.getNodeFilter().test(node(NodeFlag.REPLICA, NodeFlag.EVENTUAL_FAIL))).isFalse();
				assertThat(cluster.getNodeFilter().test(node(NodeFlag.NOADDR))).isFalse();
			});
	}

	@Test
	void bootsClusterRefreshPeriodIsKept() {
		this.runner
			.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000",
					"spring.data.redis.lettuce.cluster.refresh.period=15s")
			.run((context) -> {
				ClusterClientOptions cluster = (ClusterClientOptions) context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration()
					.getClientOptions()
					.orElseThrow();
				assertThat(cluster.getTopologyRefreshOptions().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(15));
			});
	}

	@Test
	void poolGetsProductionValuesWhereTheUserSetNone() {
		this.runner.withPropertyValues("spring.data.redis.lettuce.pool.max-active=32").run((context) -> {
			GenericObjectPoolConfig<?> pool = ((LettucePoolingClientConfiguration) context
				.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration()).getPoolConfig();
			assertThat(pool.getMaxTotal()).isEqualTo(32);
			assertThat(pool.getMaxIdle()).isEqualTo(8);
			assertThat(pool.getMinIdle()).isEqualTo(2);
			assertThat(pool.getMaxWaitDuration()).isEqualTo(Duration.ofMillis(200));
			assertThat(pool.getTestWhileIdle()).isTrue();
			assertThat(pool.getDurationBetweenEvictionRuns()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void clientHardeningCanBeSwitchedOff() {
		this.runner.withPropertyValues("redis-cache.client.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LettuceClientHardening.class);
			assertThat(context.getBean(LettuceConnectionFactory.class).getClientConfiguration().getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void withoutThePoolTheNativeConnectionIsUsedAndStillHardened() {
		this.runner.withPropertyValues("spring.data.redis.lettuce.pool.enabled=false").run((context) -> {
			LettuceClientConfiguration configuration = context.getBean(LettuceConnectionFactory.class)
				.getClientConfiguration();
			assertThat(configuration).isNotInstanceOf(LettucePoolingClientConfiguration.class);
			assertThat(configuration.getClientOptions().orElseThrow().getTimeoutOptions().getSource().getTimeout(null))
				.isEqualTo(500);
		});
	}

	@Test
	void withoutMicrometerTheCacheManagerStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasSingleBean(ResilientRedisCacheManager.class)
				.doesNotHaveBean(RedisCacheMetricsAutoConfiguration.class)
				.doesNotHaveBean(MeterRegistry.class);
		});
	}

	@Test
	void metersAreRegisteredWhenMicrometerIsPresent() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CacheEventListener.class)
			.getBean(CacheEventListener.class)
			.isInstanceOf(io.github.rediscache.metrics.MicrometerCacheEventListener.class));
	}

	@Test
	void userCacheManagerMakesOursBackOff() {
		this.runner.withUserConfiguration(UserCacheManagerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(ResilientRedisCacheManager.class);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
			assertThat(context).hasSingleBean(LettuceClientHardening.class);
		});
	}

	@Test
	void userRedisCacheConfigurationReplacesThePropertyDrivenOne() {
		this.runner.withUserConfiguration(UserRedisCacheConfiguration.class)
			.withPropertyValues("redis-cache.caches.products.ttl=2h")
			.run((context) -> {
				RedisCacheManager manager = context.getBean(RedisCacheManager.class);
				assertThat(manager.getCacheConfigurations().get("products").getTtlFunction().getTimeToLive("k", "v"))
					.isEqualTo(Duration.ofSeconds(42));
			});
	}

	@Test
	void userSerializerBeanIsUsed() {
		this.runner.withUserConfiguration(UserSerializerConfiguration.class)
			.withPropertyValues("redis-cache.caches.products.ttl=2h")
			.run((context) -> {
				RedisCacheManager manager = context.getBean(RedisCacheManager.class);
				byte[] written = manager.getCacheConfigurations()
					.get("products")
					.getValueSerializationPair()
					.write("plain")
					.array();
				assertThat(new String(written)).isEqualTo("plain");
			});
	}

	@Test
	void precedenceIsDefaultsThenPerCacheThenCustomizer() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("redis-cache.defaults.ttl=10m", "redis-cache.defaults.ttl-jitter-percent=0",
					"redis-cache.defaults.key-version=1", "redis-cache.caches.products.ttl=2h",
					"redis-cache.caches.sessions.ttl=15m", "redis-cache.caches.orders.key-version=3")
			.run((context) -> {
				RedisCacheManager manager = context.getBean(RedisCacheManager.class);
				assertThat(ttl(manager, "orders")).isEqualTo(Duration.ofMinutes(10));
				assertThat(manager.getCacheConfigurations().get("orders").getKeyPrefixFor("orders"))
					.isEqualTo("orders:v3::");
				assertThat(ttl(manager, "products")).isEqualTo(Duration.ofHours(2));
				assertThat(manager.getCacheConfigurations().get("products").getKeyPrefixFor("products"))
					.isEqualTo("products:v1::");
				assertThat(ttl(manager, "sessions")).isEqualTo(Duration.ofMinutes(5));
				assertThat(context.getBean(CustomizerConfiguration.class).managerCustomized).isTrue();
			});
	}

	@Test
	void runtimeCachesCanBeForbidden() {
		this.runner.withPropertyValues("redis-cache.allow-runtime-caches=false", "redis-cache.caches.products.ttl=1h")
			.run((context) -> {
				CacheManager manager = context.getBean(CacheManager.class);
				assertThat(manager.getCache("products")).isNotNull();
				assertThat(manager.getCache("unknown")).isNull();
			});
	}

	@Test
	void otherCacheTypeOrDisabledMakesOursBackOff() {
		for (String type : new String[] { "none", "simple" }) {
			this.runner.withPropertyValues("spring.cache.type=" + type).run((context) -> {
				assertThat(context).doesNotHaveBean(ResilientRedisCacheManager.class)
					.doesNotHaveBean(LettuceClientHardening.class)
					.doesNotHaveBean(RedisGuard.class)
					.doesNotHaveBean(StartupReport.class);
				LettuceClientConfiguration client = context.getBean(LettuceConnectionFactory.class)
					.getClientConfiguration();
				assertThat(client.getClientOptions().orElseThrow().getTimeoutOptions().isApplyConnectionTimeout())
					.as("Boot's client as Boot makes it")
					.isTrue();
				assertThat(client.getClientOptions().orElseThrow().getDisconnectedBehavior())
					.isEqualTo(DisconnectedBehavior.DEFAULT);
				AtomicInteger loads = new AtomicInteger();
				CacheAside cacheAside = context.getBean(CacheAside.class);
				cacheAside.get("products", 1, loads::incrementAndGet);
				cacheAside.get("products", 1, loads::incrementAndGet);
				assertThat(loads).as("CacheAside over the " + type + " cache manager")
					.hasValue(type.equals("none") ? 2 : 1);
			});
		}
		this.runner.withPropertyValues("spring.cache.type=REDIS")
			.run((context) -> assertThat(context).hasSingleBean(ResilientRedisCacheManager.class));
		this.runner.withPropertyValues("redis-cache.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilientRedisCacheManager.class)
				.doesNotHaveBean(LettuceClientHardening.class)
				.hasSingleBean(RedisCacheManager.class));
	}

	private static Duration ttl(RedisCacheManager manager, String cache) {
		return manager.getCacheConfigurations().get(cache).getTtlFunction().getTimeToLive("key", "value");
	}

	private static RedisClusterNode node(NodeFlag... flags) {
		RedisClusterNode node = new RedisClusterNode();
		node.setFlags(java.util.Set.of(flags));
		return node;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCacheManagerConfiguration {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRedisCacheConfiguration {

		@Bean
		RedisCacheConfiguration redisCacheConfiguration() {
			return RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ofSeconds(42));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSerializerConfiguration {

		@Bean
		RedisSerializer<String> redisCacheValueSerializer() {
			return new StringRedisSerializer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		boolean managerCustomized;

		@Bean
		RedisCacheManagerBuilderCustomizer sessionsCustomizer() {
			return (builder) -> builder.withCacheConfiguration("sessions",
					builder.getCacheConfigurationFor("sessions").orElseThrow().entryTtl(Duration.ofMinutes(5)));
		}

		@Bean
		CacheManagerCustomizer<ResilientRedisCacheManager> managerCustomizer() {
			return (manager) -> this.managerCustomized = true;
		}

	}

}
