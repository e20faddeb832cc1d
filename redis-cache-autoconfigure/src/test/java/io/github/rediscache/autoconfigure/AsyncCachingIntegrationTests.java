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
import java.util.function.Function;

import io.github.rediscache.autoconfigure.app.AsyncCatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Cacheable} methods that return a {@code CompletableFuture}, a {@code Mono} or a
 * {@code Flux}, with and without {@code sync}, as Spring Framework 6.1+ caches them: the
 * second call is a hit, served as the declared type, in the entry format of the blocking
 * path, and counted once.
 */
@EmbeddedRedis
class AsyncCachingIntegrationTests {

	private final ApplicationContextRunner runner;

	private final RedisNode redis;

	AsyncCachingIntegrationTests(RedisDeployment deployment) {
		this.redis = deployment.nodes().get(0);
		this.runner = TestContexts.with(deployment)
			.withUserConfiguration(AsyncCatalogueConfiguration.class)
			.withPropertyValues("redis-cache.caches.async-products.ttl=10m");
	}

	@AfterEach
	void flush() {
		this.redis.call((commands) -> commands.flushall());
	}

	@ParameterizedTest
	@ValueSource(strings = { "future", "futureSync", "mono", "monoSync" })
	void theSecondCallOfASingleValueMethodIsAHit(String method) {
		this.runner.run((context) -> {
			AsyncCatalogueService service = context.getBean(AsyncCatalogueService.class);
			Function<Long, Product> call = single(service, method);
			Product first = call.apply(1L);
			Product second = call.apply(1L);
			assertThat(second).isEqualTo(first).isInstanceOf(Product.class);
			assertThat(service.loads(method)).isEqualTo(1);
			String key = "async-products::" + (method.startsWith("future") ? "future" : "mono")
					+ (method.endsWith("Sync") ? "-sync-" : "-") + "1";
			assertThat(this.redis.<String>call((commands) -> commands.get(key))).startsWith("[\"~\",")
				.contains("\"name\":\"product-1\"");
			assertThat(this.redis.<Long>call((commands) -> commands.pttl(key)))
				.isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("cache.gets")
				.tag("cache", "async-products")
				.tag("result", "miss")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get("cache.gets")
				.tag("cache", "async-products")
				.tag("result", "hit")
				.functionCounter()
				.count()).isEqualTo(1);
		});
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void theSecondCallOfAFluxMethodIsAHit(boolean sync) {
		this.runner.run((context) -> {
			AsyncCatalogueService service = context.getBean(AsyncCatalogueService.class);
			List<Product> first = (sync ? service.fluxSync(1) : service.flux(1)).collectList().block();
			List<Product> second = (sync ? service.fluxSync(1) : service.flux(1)).collectList().block();
			assertThat(second).isEqualTo(first).hasSize(2).allSatisfy((product) -> assertThat(product).isNotNull());
			assertThat(service.loads(sync ? "fluxSync" : "flux")).isEqualTo(2);
		});
	}

	private static Function<Long, Product> single(AsyncCatalogueService service, String method) {
		return switch (method) {
			case "future" -> (id) -> service.future(id).join();
			case "futureSync" -> (id) -> service.futureSync(id).join();
			case "mono" -> (id) -> service.mono(id).block(Duration.ofSeconds(20));
			default -> (id) -> service.monoSync(id).block(Duration.ofSeconds(20));
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncCatalogueConfiguration {

		@Bean
		AsyncCatalogueService asyncCatalogueService() {
			return new AsyncCatalogueService();
		}

	}

}
