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

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter with a Redis from Testcontainers, connected through
 * {@code @ServiceConnection} (Spring Boot's {@code RedisConnectionDetails}). Runs where
 * Docker is available and is skipped elsewhere; the same behaviour is tested on embedded
 * Redis by {@link SampleApplicationIntegrationTests}.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "redis-cache.embedded.enabled=false", "catalogue.database-delay=0ms" })
class SampleApplicationContainerTests {

	@Container
	@ServiceConnection(name = "redis")
	static final GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7.2-alpine"))
		.withExposedPorts(6379);

	@Autowired
	ProductService service;

	@Autowired
	RedisConnectionFactory connectionFactory;

	@Test
	void cachesInTheContainersRedis() {
		this.service.product(1);
		try (var connection = this.connectionFactory.getConnection()) {
			assertThat(connection.keyCommands().exists("catalogue:products::1".getBytes())).isTrue();
		}
	}

}
