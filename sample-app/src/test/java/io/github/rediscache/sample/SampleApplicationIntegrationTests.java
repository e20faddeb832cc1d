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
package io.github.rediscache.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: its default profile, on the embedded 3 x 1 cluster.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "catalogue.database-delay=20ms")
class SampleApplicationIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	RedisDeployment redis;

	@BeforeEach
	void clearCache() {
		this.http.delete("/products/cache");
	}

	@Test
	void runsOnAnEmbeddedClusterOfThreePrimariesWithOneReplicaEach() {
		assertThat(this.redis.isCluster()).isTrue();
		assertThat(this.redis.nodes()).hasSize(6);
	}

	@Test
	void aMissThenAHitStoredAsJsonWithItsTtl() {
		ResponseEntity<ProductDto> first = this.http.getForEntity("/products/3", ProductDto.class);
		ResponseEntity<ProductDto> second = this.http.getForEntity("/products/3", ProductDto.class);
		assertThat(first.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(second.getHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(second.getBody()).isEqualTo(first.getBody());
		assertThat(second.getBody().price()).isEqualByComparingTo("12.99");
		String json = this.redis.primaryFor("catalogue:products::3")
			.call((commands) -> commands.get("catalogue:products::3"));
		assertThat(json).contains("\"name\":\"Product 3\"").contains("\"launchDate\":\"2026-01-04\"");
		long ttl = this.redis.primaryFor("catalogue:products::3")
			.call((commands) -> commands.pttl("catalogue:products::3"));
		assertThat(ttl).isBetween(6_840_000L, 7_200_000L);
	}

	@Test
	void anUpdateIsReadBackFromTheCache() {
		this.http.getForEntity("/products/4", ProductDto.class);
		this.http.put("/products/4", Map.of("name", "Renamed", "price", "42.00"));
		ResponseEntity<ProductDto> read = this.http.getForEntity("/products/4", ProductDto.class);
		assertThat(read.getHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(read.getBody().name()).isEqualTo("Renamed");
		assertThat(read.getBody().price()).isEqualByComparingTo(new BigDecimal("42.00"));
	}

	@Test
	void aDeleteIsAMissAfterwards() {
		this.http.getForEntity("/products/5", ProductDto.class);
		this.http.delete("/products/5");
		ResponseEntity<String> read = this.http.getForEntity("/products/5", String.class);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		long cached = this.redis.primaryFor("catalogue:products::5")
			.call((commands) -> commands.exists("catalogue:products::5"));
		assertThat(cached).isZero();
	}

	@Test
	void clearingTheCacheMakesEveryProductAMiss() {
		this.http.getForEntity("/products/6", ProductDto.class);
		this.http.getForEntity("/products/7", ProductDto.class);
		this.http.delete("/products/cache");
		assertThat(this.http.getForEntity("/products/6", ProductDto.class).getHeaders().getFirst("X-Cache"))
			.isEqualTo("MISS");
		assertThat(this.http.getForEntity("/products/7", ProductDto.class).getHeaders().getFirst("X-Cache"))
			.isEqualTo("MISS");
	}

	@Test
	void theListIsCachedThroughTheProgrammaticApi() {
		ResponseEntity<List<ProductDto>> first = this.http.exchange("/products", HttpMethod.GET, null,
				new ParameterizedTypeReference<>() {
				});
		ResponseEntity<List<ProductDto>> second = this.http.exchange("/products", HttpMethod.GET, null,
				new ParameterizedTypeReference<>() {
				});
		assertThat(first.getHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(second.getHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(second.getBody()).hasSizeGreaterThanOrEqualTo(18);
	}

	@Test
	void actuatorShowsHealthCachesAndCacheMeters() {
		this.http.getForEntity("/products/8", ProductDto.class);
		this.http.getForEntity("/products/8", ProductDto.class);
		String health = this.http.getForObject("/actuator/health", String.class);
		assertThat(health).contains("\"status\":\"UP\"").contains("\"breakers\"");
		String caches = this.http.getForObject("/actuator/caches", String.class);
		assertThat(caches).contains("products").contains("product-lists");
		String hits = this.http.getForObject("/actuator/metrics/cache.gets?tag=cache:products&tag=result:hit",
				String.class);
		assertThat(hits).contains("\"measurements\"");
	}

}
