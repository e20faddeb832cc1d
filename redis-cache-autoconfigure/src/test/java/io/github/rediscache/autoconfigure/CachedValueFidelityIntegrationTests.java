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

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.rediscache.autoconfigure.app.FidelityService;
import io.github.rediscache.autoconfigure.app.RecordRepository;
import io.github.rediscache.cache.CacheAside;
import io.github.rediscache.cache.fidelity.Color;
import io.github.rediscache.cache.fidelity.ProductRecord;
import io.github.rediscache.cache.fidelity.Shape;
import io.github.rediscache.cache.fidelity.Shipment;
import io.github.rediscache.cache.fidelity.Times;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.metrics.MicrometerCacheEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values cached through {@code @Cacheable} come back exactly as the method returned them,
 * serialized the way the application's own Jackson does, against real Redis. Entries also
 * survive a move between Spring Boot generations: this class runs on the Spring Boot 3.5
 * leg and, translated, on the Spring Boot 4 leg, against the same committed entries
 * ({@code cross-generation-entries.txt}, written by the Spring Boot 3.5 leg); each leg
 * writes them byte for byte and reads each as a hit, so an entry written by either
 * generation is a hit on the other.
 */
@EmbeddedRedis
class CachedValueFidelityIntegrationTests {

	private static final Pattern ENTRY = Pattern.compile("^\\[\"~\",\\d+,\\d+,(.*)\\]$", Pattern.DOTALL);

	private static final Map<String, Function<FidelityService, Object>> CALLS = new LinkedHashMap<>();

	static {
		CALLS.put("by-id::first", (service) -> service.byId("first"));
		CALLS.put("shipments::n1", (service) -> service.shipment("n1"));
		CALLS.put("shipments::e1", (service) -> service.shipment("e1"));
		CALLS.put("times::t", (service) -> service.times("t"));
		CALLS.put("shapes::s", (service) -> service.shapes("s"));
		CALLS.put("colours::fr", (service) -> service.colours("fr"));
		CALLS.put("products::7", (service) -> service.product(7));
	}

	private final RedisDeployment redis;

	private final RedisNode node;

	private final ApplicationContextRunner runner;

	CachedValueFidelityIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
		this.runner = TestContexts.with(redis)
			.withUserConfiguration(FidelityConfiguration.class)
			.withPropertyValues("redis-cache.serialization.allowed-packages=io.github.rediscache.cache.fidelity");
	}

	@AfterEach
	void flush() {
		this.redis.flushAll();
	}

	@Test
	void declaredReturnTypesComeBackEqualOnTheSecondCall() {
		this.runner.run((context) -> {
			FidelityService service = context.getBean(FidelityService.class);
			Map<Long, ProductRecord> page = service.byId("first");
			assertThat(service.byId("first")).isEqualTo(page).containsKey(1L);
			assertThat(service.byId("first").get(1L)).isEqualTo(new ProductRecord(1, "desk", new BigDecimal("19.90")));
			Shipment noted = service.shipment("n1");
			assertThat(service.shipment("n1")).isEqualTo(noted);
			assertThat(service.shipment("e1")).isEqualTo(service.shipment("e1"));
			Times times = service.times("t");
			assertThat(service.times("t")).isEqualTo(times);
			List<Shape> shapes = service.shapes("s");
			assertThat(service.shapes("s")).isEqualTo(shapes).hasSize(2);
			assertThat(service.colours("fr")).isEqualTo(service.colours("fr")).containsEntry(Color.RED, "rouge");
			assertThat(service.loads()).as("one load per key").isEqualTo(6);
		});
	}

	@Test
	void aTypeVariableBoundBySubclassIsResolved() {
		this.runner.run((context) -> {
			RecordRepository repository = context.getBean(RecordRepository.class);
			Map<Long, List<ProductRecord>> pages = repository.pages("all");
			assertThat(repository.pages("all")).isEqualTo(pages);
			assertThat(repository.pages("all").get(2L)).extracting(ProductRecord::id).containsExactly(2L, 3L);
			assertThat(repository.loads()).isOne();
		});
	}

	@Test
	void aValueThatCannotBeWrittenReachesItsCallerOnEveryPathAndIsCounted() {
		this.runner.run((context) -> {
			FidelityService service = context.getBean(FidelityService.class);
			assertThat(service.unwritableSync(1).getId()).isEqualTo(1);
			assertThat(service.unwritableSync(1).getId()).isEqualTo(1);
			assertThat(service.unwritable(2).getId()).isEqualTo(2);
			assertThat(service.updateUnwritable(3).getId()).isEqualTo(3);
			assertThat(context.getBean(CacheAside.class).get("odd", 4, () -> service.unwritable(5)).getId())
				.isEqualTo(5);
			assertThat(service.loads()).as("nothing was cached").isEqualTo(4);
			assertThat(fallbacks(context, "odd", "serialization")).isEqualTo(6);
			assertThat(this.node.keys("odd::*")).isEmpty();
		});
	}

	@Test
	void thisGenerationWritesTheCommittedEntriesByteForByte() throws IOException {
		Map<String, String> committed = committedPayloads();
		assertThat(committed.keySet()).containsExactlyElementsOf(CALLS.keySet());
		this.runner.run((context) -> {
			FidelityService service = context.getBean(FidelityService.class);
			CALLS.forEach((key, call) -> {
				call.apply(service);
				Matcher entry = ENTRY.matcher(stored(key));
				assertThat(entry.matches()).as(key).isTrue();
				assertThat(entry.group(1)).as(key).isEqualTo(committed.get(key));
			});
		});
	}

	@Test
	void everyCommittedEntryIsAHitEqualToWhatTheMethodReturns() throws IOException {
		Map<String, String> committed = committedPayloads();
		committed.forEach((key, payload) -> this.node
			.call((commands) -> commands.setex(key, 600, "[\"~\",5,0," + payload + "]")));
		this.runner.run((context) -> {
			FidelityService service = context.getBean(FidelityService.class);
			FidelityService uncached = new FidelityService();
			CALLS.forEach((key, call) -> assertThat(call.apply(service)).as(key).isEqualTo(call.apply(uncached)));
			assertThat(service.loads()).as("every entry was a hit").isZero();
		});
	}

	private String stored(String key) {
		return this.node.call((commands) -> commands.get(key));
	}

	private static Map<String, String> committedPayloads() throws IOException {
		Map<String, String> payloads = new LinkedHashMap<>();
		try (InputStream in = CachedValueFidelityIntegrationTests.class
			.getResourceAsStream("/cross-generation-entries.txt")) {
			assertThat(in).as("cross-generation-entries.txt on the test class path").isNotNull();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					int tab = line.indexOf('\t');
					payloads.put(line.substring(0, tab), line.substring(tab + 1));
				}
			}
		}
		return payloads;
	}

	private static double fallbacks(AssertableApplicationContext context, String cache, String reason) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find(MicrometerCacheEventListener.FALLBACKS)
			.tag("cache", cache)
			.tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class FidelityConfiguration {

		@Bean
		FidelityService fidelityService() {
			return new FidelityService();
		}

		@Bean
		RecordRepository recordRepository() {
			return new RecordRepository();
		}

	}

}
