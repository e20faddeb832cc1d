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

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.hostile.Canary;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries written into Redis by someone else, naming foreign classes in the type
 * parameters of a generic type id, plain and inside the entry envelope, read by methods
 * declared as a collection, a map and {@code Object}: no foreign class is loaded or
 * built, and every caller gets the loader's value.
 */
@EmbeddedRedis
class HostileEntryIntegrationTests {

	private static final List<String> HOSTILE = List.of(
			"[\"java.util.ArrayList<io.github.rediscache.hostile.Canary>\",[{\"payload\":\"x\"}]]",
			"[\"java.util.ArrayList<io.github.rediscache.hostile.Canary>\",[{\"@class\":\"io.github.rediscache.hostile.Canary\"}]]",
			"{\"@class\":\"java.util.HashMap<io.github.rediscache.hostile.KeyCanary,java.lang.String>\",\"k\":\"v\"}",
			"{\"@class\":\"java.util.LinkedHashMap<java.lang.Long,io.github.rediscache.hostile.Canary>\",\"1\":{\"payload\":\"x\"}}",
			"[\"java.util.ArrayList<java.util.HashMap<java.lang.Long,[Lio.github.rediscache.hostile.StaticCanary;>>\",[]]",
			"[\"io.github.rediscache.hostile.ListCanary<io.github.rediscache.autoconfigure.app.Product>\",[]]",
			"[\"java.util.ArrayList<x.Foreign>\",[{\"@class\":\"x.Foreign\"}]]",
			"{\"@class\":\"java.util.HashMap<x.Foreign,java.lang.String>\"}");

	private final ApplicationContextRunner runner;

	private final RedisNode redis;

	HostileEntryIntegrationTests(RedisDeployment deployment) {
		this.redis = deployment.nodes().get(0);
		this.runner = TestContexts.with(deployment).withUserConfiguration(ListingConfiguration.class);
	}

	@AfterEach
	void flush() {
		this.redis.call((commands) -> commands.flushall());
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "smile", "cbor" })
	void foreignTypeParametersAreNeverLoadedAndEveryCallerGetsTheLoadersValue(String encoding) {
		this.runner.withPropertyValues("redis-cache.defaults.encoding=" + encoding).run((context) -> {
			ListingService service = context.getBean(ListingService.class);
			int instances = Canary.instances.get();
			Map<String, LongFunction<Object>> methods = Map.of("listings", service::listing, "indexes", service::index,
					"anything", service::anything);
			int tries = 0;
			for (int i = 0; i < 20; i++) {
				String hostile = HOSTILE.get(i % HOSTILE.size());
				String entry = (i % 2 == 0) ? hostile
						: "[\"~\",1," + (System.currentTimeMillis() + 60_000) + "," + hostile + "]";
				for (Map.Entry<String, LongFunction<Object>> method : methods.entrySet()) {
					this.redis.call((commands) -> commands.set(method.getKey() + "::" + 7, entry));
					assertThat(method.getValue().apply(7)).as(method.getKey() + " read " + entry)
						.isEqualTo(ListingService.expected(method.getKey()));
					tries++;
				}
			}
			assertThat(Canary.staticInitializations).as("foreign classes initialized").hasValue(0);
			assertThat(Canary.instances).as("foreign instances built").hasValue(instances);
			assertThat(service.loads()).as("loads").isEqualTo(tries);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			double unreadable = methods.keySet()
				.stream()
				.mapToDouble((cache) -> meters.counter(MicrometerCacheEventListener.UNREADABLE_ENTRIES, "cache", cache)
					.count())
				.sum();
			assertThat(unreadable).as("unreadable entries counted").isEqualTo(tries);
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void noWarningQuotesTheContentOfAnEntry(CapturedOutput output) {
		this.runner.run((context) -> {
			ListingService service = context.getBean(ListingService.class);
			// A value that cannot be read as the declared type: Jackson's message quotes
			// it.
			this.redis.call((commands) -> commands.set("anything::7",
					"[\"~\",1,0,{\"@class\":\"java.util.UUID\",\"x\":\"SECRET-4711-personal-data\"}]"));
			this.redis.call((commands) -> commands.set("listings::7", "[\"~\",1,0,[\"java.util.ArrayList\","
					+ "[{\"@class\":\"io.github.rediscache.autoconfigure.app.Product\",\"id\":\"SECRET-4711-personal-data\"}]]]"));
			assertThat(service.anything(7)).isEqualTo("anything-7");
			assertThat(service.listing(7)).hasSize(1);
		});
		assertThat(output).contains("Unreadable entry").doesNotContain("SECRET-4711");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class ListingConfiguration {

		@Bean
		ListingService listingService() {
			return new ListingService();
		}

	}

	static class ListingService {

		private static final Product PRODUCT = new Product(7, "product-7", new BigDecimal("19.99"),
				Instant.parse("2026-11-26T10:15:30Z"), LocalDate.of(2026, 1, 31));

		private final AtomicInteger loads = new AtomicInteger();

		int loads() {
			return this.loads.get();
		}

		static Object expected(String cache) {
			return switch (cache) {
				case "listings" -> List.of(PRODUCT);
				case "indexes" -> Map.of(7L, PRODUCT);
				default -> "anything-7";
			};
		}

		@Cacheable("listings")
		public List<Product> listing(long id) {
			this.loads.incrementAndGet();
			return List.of(PRODUCT);
		}

		@Cacheable(cacheNames = "indexes", sync = true)
		public Map<Long, Product> index(long id) {
			this.loads.incrementAndGet();
			return Map.of(id, PRODUCT);
		}

		@Cacheable("anything")
		public Object anything(long id) {
			this.loads.incrementAndGet();
			return "anything-" + id;
		}

	}

}
