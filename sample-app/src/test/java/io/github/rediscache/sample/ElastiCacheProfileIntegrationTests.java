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

import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile, pointed at the embedded cluster instead of ElastiCache (no TLS,
 * no password here): it offers no unauthenticated way to clear caches and no health
 * details.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "redis-cache.embedded.enabled=true", "spring.data.redis.ssl.enabled=false",
				"REDIS_ENDPOINT=127.0.0.1:1", "REDIS_PASSWORD=unused", "catalogue.database-delay=0ms" })
@ActiveProfiles("elasticache")
class ElastiCacheProfileIntegrationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	RedisDeployment redis;

	@Test
	void productsAreCachedButCachesCannotBeClearedOverHttp() {
		assertThat(this.http.getForEntity("/products/9", ProductDto.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<String> clear = this.http.exchange("/products/cache", HttpMethod.DELETE, null, String.class);
		assertThat(clear.getStatusCode().is2xxSuccessful()).isFalse();
		long cached = this.redis.primaryFor("catalogue:products:v1::9")
			.call((commands) -> commands.exists("catalogue:products:v1::9"));
		assertThat(cached).isOne();
		assertThat(this.http.getForEntity("/actuator/caches", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void healthShowsNoDetails() {
		String health = this.http.getForObject("/actuator/health", String.class);
		assertThat(health).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("breakers");
	}

}
