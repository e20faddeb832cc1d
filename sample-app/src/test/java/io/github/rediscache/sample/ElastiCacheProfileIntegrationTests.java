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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile as shipped, pointed at a local TLS cluster (3 primaries with a
 * replica each, started by the embedded Redis) and an ACL user with the least-privilege
 * access string of docs/production-guide.md, whose password is read from a file: the
 * application starts with its {@code fail-on} gates, caches under the user's key prefix,
 * offers no way to clear caches over HTTP, and serves Actuator on its own port with
 * health alone, without details.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "redis-cache.embedded.enabled=true",
		"redis-cache.embedded.tls=true", "redis-cache.embedded.username=catalogue",
		"redis-cache.embedded.configuration[0]=maxmemory 64mb",
		"redis-cache.embedded.configuration[1]=maxmemory-policy allkeys-lru",
		"redis-cache.embedded.configuration[2]=user catalogue on >" + ElastiCacheProfileIntegrationTests.PASSWORD
				+ " resetkeys ~catalogue:* ~{catalogue:* resetchannels &redis-cache:lease-released -@all +get +set"
				+ " +del +scan +unlink +eval +publish +subscribe +cluster|nodes +info +ping",
		"REDIS_ENDPOINT=127.0.0.1:1", "management.server.port=0", "catalogue.database-delay=0ms" })
@ActiveProfiles("elasticache")
class ElastiCacheProfileIntegrationTests {

	static final String PASSWORD = "rotated-by-the-platform";

	@Autowired
	TestRestTemplate http;

	@Autowired
	RedisDeployment redis;

	@Autowired
	Environment environment;

	@Autowired
	LettuceConnectionFactory connectionFactory;

	@Value("${local.management.port}")
	int managementPort;

	@DynamicPropertySource
	static void passwordFile(DynamicPropertyRegistry registry) {
		try {
			Path file = Files.createTempFile("redis-password", ".txt");
			Files.writeString(file, PASSWORD);
			file.toFile().deleteOnExit();
			registry.add("REDIS_PASSWORD_FILE", file::toString);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void startsOnATlsClusterAsTheAclUserWithItsGatesAndCachesUnderItsPrefix() {
		assertThat(this.redis.isCluster()).isTrue();
		assertThat(this.redis.tls()).isPresent();
		assertThat(this.connectionFactory.isUseSsl()).isTrue();
		assertThat(this.environment.getProperty("redis-cache.report.fail-on"))
			.isEqualTo("noeviction,no-tls,no-auth,few-primaries");
		assertThat(this.environment.getProperty("spring.data.redis.password")).as("no password in the profile")
			.isNull();
		assertThat(this.http.getForEntity("/products/9", ProductDto.class).getStatusCode()).isEqualTo(HttpStatus.OK);
		long cached = this.redis.primaryFor("catalogue:products:v1::9")
			.call((commands) -> commands.exists("catalogue:products:v1::9"));
		assertThat(cached).isOne();
		String clients = this.redis.primaryFor("catalogue:products:v1::9").call((commands) -> commands.clientList());
		assertThat(clients).as("the application's connections").contains("user=catalogue");
		ResponseEntity<String> clear = this.http.exchange("/products/cache", HttpMethod.DELETE, null, String.class);
		assertThat(clear.getStatusCode().is2xxSuccessful()).isFalse();
	}

	@Test
	void actuatorIsOnItsOwnPortWithHealthAloneAndNoDetails() {
		assertThat(this.http.getForEntity("/actuator/health", String.class).getStatusCode())
			.as("nothing of Actuator on the application port")
			.isEqualTo(HttpStatus.NOT_FOUND);
		RestClient management = RestClient.create("http://127.0.0.1:" + this.managementPort);
		String health = management.get().uri("/actuator/health").retrieve().body(String.class);
		assertThat(health).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("breakers");
		for (String hidden : new String[] { "/actuator/info", "/actuator/metrics", "/actuator/caches" }) {
			int status = management.get().uri(hidden).exchange((request, response) -> response.getStatusCode().value());
			assertThat(status).as(hidden).isEqualTo(404);
		}
	}

}
