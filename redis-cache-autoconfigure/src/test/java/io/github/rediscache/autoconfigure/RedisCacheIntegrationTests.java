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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.hostile.Canary;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.CircuitBreakerRedisGuard;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedRedis
class RedisCacheIntegrationTests {

	private final ApplicationContextRunner runner;

	private final RedisNode redis;

	RedisCacheIntegrationTests(RedisDeployment deployment) {
		this.redis = deployment.nodes().get(0);
		this.runner = TestContexts.with(deployment)
			.withPropertyValues("redis-cache.caches.products.ttl=2h", "redis-cache.caches.user-sessions.ttl=15m");
	}

	@AfterEach
	void flush() {
		this.redis.call((commands) -> commands.flushall());
	}

	@Test
	void storesReadableJsonUnderThePerCacheTtl() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			Product first = service.product(1);
			Product second = service.product(1);
			assertThat(second).isEqualTo(first);
			assertThat(service.loads()).isEqualTo(1);
			String json = this.redis.call((commands) -> commands.get("products::1"));
			assertThat(json).contains("\"price\":19.99")
				.contains("\"updatedAt\":\"2026-11-26T10:15:30Z\"")
				.contains("\"launchDate\":\"2026-01-31\"")
				.contains("{\"@class\":\"io.github.rediscache.autoconfigure.app.Product\",\"id\":1,");
			assertThat(ttl("products::1")).isBetween(Duration.ofMinutes(114), Duration.ofHours(2));
			service.session("a");
			assertThat(ttl("user-sessions::a")).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
			service.recommendations("u");
			assertThat(ttl("recommendations::u")).isBetween(Duration.ofMinutes(28), Duration.ofMinutes(30));
			assertThat(service.recommendations("u")).containsExactly("a-u", "b-u");
		});
	}

	@Test
	void anApplicationMigratingFromPlainBootKeepsItsCachePropertiesAndKeyLayout() {
		this.runner
			.withPropertyValues("spring.cache.redis.time-to-live=10m", "spring.cache.redis.key-prefix=shop:",
					"spring.cache.cache-names=products,user-sessions")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				service.product(1);
				service.recommendations("u");
				assertThat(ttl("shop:products::1")).as("redis-cache.caches.products.ttl wins")
					.isBetween(Duration.ofMinutes(114), Duration.ofHours(2));
				assertThat(ttl("shop:recommendations::u")).as("Boot's TTL for the rest")
					.isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));
				assertThat(context.getBean(CacheManager.class).getCacheNames()).contains("products", "user-sessions");
			});
	}

	@Test
	void aLoadIsAnObservationOfTheApplicationsRegistryWithLowCardinalityTags() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationHandler<Observation.Context> handler = new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
		this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withBean(ObservationHandler.class, () -> handler)
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				service.productSync(11);
				service.productSync(11);
				assertThat(stopped).filteredOn((observation) -> observation.getName().equals(CacheObservations.LOAD))
					.singleElement()
					.satisfies((load) -> assertThat(load.getLowCardinalityKeyValues())
						.containsExactlyInAnyOrder(KeyValue.of("cache", "products"), KeyValue.of("trigger", "miss")));
			});
	}

	@Test
	void nullResultsAreNotCachedAndDoNotThrow() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			assertThat(service.product(-1)).isNull();
			assertThat(service.productSync(-1)).isNull();
			assertThat(service.product(-1)).isNull();
			assertThat(service.loads()).isEqualTo(3);
			List<String> keys = this.redis.keys("*");
			assertThat(keys).isEmpty();
		});
	}

	@Test
	void nullResultsAreCachedBrieflyWhenAskedFor() {
		this.runner
			.withPropertyValues("redis-cache.caches.products.cache-null-values=true",
					"redis-cache.caches.products.null-value-ttl=30s")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				assertThat(service.product(-1)).isNull();
				assertThat(service.product(-1)).isNull();
				assertThat(service.loads()).isEqualTo(1);
				assertThat(ttl("products::-1")).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30));
			});
	}

	@Test
	void corruptEntryIsAMissThatIsEvictedCountedAndReloaded() {
		this.runner.run((context) -> {
			this.redis.call((commands) -> commands.set("products::7", "{not json"));
			CatalogueService service = context.getBean(CatalogueService.class);
			assertThat(service.product(7).name()).isEqualTo("product-7");
			assertThat(service.loads()).isEqualTo(1);
			String json = this.redis.call((commands) -> commands.get("products::7"));
			assertThat(json).contains("product-7");
			assertThat(context.getBean(MeterRegistry.class)
				.counter(MicrometerCacheEventListener.UNREADABLE_ENTRIES, "cache", "products")
				.count()).isEqualTo(1);
		});
	}

	@Test
	void hostileEntryNamingAClassOutsideTheAllowListIsNeverInstantiated() {
		this.runner.run((context) -> {
			int before = Canary.instances.get();
			this.redis.call((commands) -> commands.set("products::9",
					"{\"@class\":\"io.github.rediscache.hostile.Canary\",\"payload\":\"boom\"}"));
			CatalogueService service = context.getBean(CatalogueService.class);
			assertThat(service.product(9).name()).isEqualTo("product-9");
			assertThat(Canary.instances).hasValue(before);
			assertThat(context.getBean(MeterRegistry.class)
				.counter(MicrometerCacheEventListener.UNREADABLE_ENTRIES, "cache", "products")
				.count()).isEqualTo(1);
		});
	}

	@Test
	void evictAllEntriesClearsOnlyThatCache() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			for (int i = 0; i < 50; i++) {
				service.product(i);
			}
			service.session("kept");
			service.deleteAll();
			List<String> keys = this.redis.keys("*");
			assertThat(keys).containsExactly("user-sessions::kept");
		});
	}

	@Test
	void putAndEvictWriteThrough() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			Product original = service.product(3);
			Product renamed = new Product(3, "renamed", original.price(), original.updatedAt(), original.launchDate());
			service.update(renamed);
			assertThat(service.product(3)).isEqualTo(renamed);
			service.delete(3);
			assertThat(service.product(3).name()).isEqualTo("product-3");
			assertThat(service.loads()).isEqualTo(2);
		});
	}

	@Test
	void cacheMetersCountHitsAndMissesOfConfiguredAndRuntimeCaches() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			service.product(1);
			service.product(1);
			service.recommendations("u");
			service.recommendations("u");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(
					registry.get("cache.gets").tag("cache", "products").tag("result", "hit").functionCounter().count())
				.isEqualTo(1);
			assertThat(
					registry.get("cache.gets").tag("cache", "products").tag("result", "miss").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get("cache.gets")
				.tag("cache", "recommendations")
				.tag("result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("cache.puts").tag("cache", "recommendations").functionCounter().count())
				.isEqualTo(1);
			service.delete(1);
			assertThat(registry.get("cache.removals").tag("cache", "products").functionCounter().count()).isEqualTo(1);
			DistributionSummary sizes = registry.get("redis.cache.value.size").tag("cache", "products").summary();
			assertThat(sizes.count()).isEqualTo(1);
			assertThat(sizes.max()).as("bytes of the one product entry").isBetween(100.0, 1000.0);
			assertThat(registry.get("redis.client.connections")
				.tag("node", "127.0.0.1:" + this.redis.port())
				.gauge()
				.value()).as("connections this instance holds to the node").isPositive();
			assertThat(registry.find("cache.evictions").meters()).isEmpty();
		});
	}

	@Test
	void aSyncCacheableCountsOneMissPerLoadAndAHitPerLaterCall() {
		this.runner.run((context) -> {
			CatalogueService service = context.getBean(CatalogueService.class);
			service.productSync(7);
			service.productSync(7);
			service.productSync(7);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(
					registry.get("cache.gets").tag("cache", "products").tag("result", "miss").functionCounter().count())
				.isEqualTo(1);
			assertThat(
					registry.get("cache.gets").tag("cache", "products").tag("result", "hit").functionCounter().count())
				.isEqualTo(2);
			assertThat(service.loads(7)).isEqualTo(1);
		});
	}

	@Test
	void aRuntimeCacheFirstUsedByManyThreadsAtOnceIsMeteredOnce() {
		this.runner.run((context) -> {
			CacheManager cacheManager = context.getBean(CacheManager.class);
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.CompletableFuture<org.springframework.cache.Cache>> users = new java.util.ArrayList<>();
			for (int i = 0; i < 16; i++) {
				users.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
					return cacheManager.getCache("race");
				}));
			}
			start.countDown();
			org.springframework.cache.Cache kept = cacheManager.getCache("race");
			users.forEach((user) -> assertThat(user.join()).isSameAs(kept));
			kept.put("k", "v");
			kept.get("k");
			kept.get("k");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cache.gets").tag("cache", "race").tag("result", "hit").functionCounters())
				.singleElement()
				.satisfies((counter) -> assertThat(counter.count()).isEqualTo(2));
		});
	}

	@Test
	void keyPrefixAndVersionAreInTheKeys() {
		this.runner.withPropertyValues("redis-cache.key-prefix=catalogue:", "redis-cache.caches.products.key-version=2")
			.run((context) -> {
				context.getBean(CatalogueService.class).product(5);
				context.getBean(CatalogueService.class).session("s");
				List<String> keys = this.redis.keys("*");
				assertThat(keys).containsExactlyInAnyOrder("catalogue:products:v2::5", "catalogue:user-sessions::s");
			});
	}

	@Test
	void valueTypeNamesOnlyTheRootClassAndServesProgrammaticReads() {
		this.runner.withPropertyValues("redis-cache.caches.products.value-type=" + Product.class.getName())
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				service.product(4);
				assertThat(service.product(4).price()).isEqualByComparingTo("19.99");
				assertThat(service.loads()).isEqualTo(1);
				String json = this.redis.call((commands) -> commands.get("products::4"));
				assertThat(json)
					.matches("\\[\"~\",\\d+,\\d+,\\{\"@class\":\"" + Product.class.getName() + "\",\"id\":4,.*\\}\\]");
				CacheManager cacheManager = context.getBean(CacheManager.class);
				assertThat(cacheManager.getCache("products").get(4L, Product.class)).isNotNull();
			});
	}

	@Test
	void theCachesBreakersHaveResilience4jsOwnMetersUnderNamesOfTheirOwn() {
		this.runner.run((context) -> {
			context.getBean(CatalogueService.class).product(1);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("resilience4j.circuitbreaker.state")
				.tag("name", CircuitBreakerRedisGuard.DEFAULT_BREAKER)
				.tag("state", "closed")
				.gauge()
				.value()).isEqualTo(1);
			assertThat(meters.find("resilience4j.circuitbreaker.calls")
				.tag("name", CircuitBreakerRedisGuard.DEFAULT_BREAKER)
				.tag("kind", "successful")
				.meters()).isNotEmpty();
			assertThat(meters.find("resilience4j.circuitbreaker.state").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("name")).startsWith("redis-cache"));
		});
	}

	private Duration ttl(String key) {
		long millis = this.redis.call((commands) -> commands.pttl(key));
		return Duration.ofMillis(millis);
	}

}
