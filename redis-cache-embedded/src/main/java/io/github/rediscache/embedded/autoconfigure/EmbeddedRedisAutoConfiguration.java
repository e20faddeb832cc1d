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
package io.github.rediscache.embedded.autoconfigure;

import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Starts embedded {@code redis-server} processes when
 * {@code redis-cache.embedded.enabled=true} and hands Spring Boot their
 * {@link RedisConnectionDetails}, so that {@code spring.data.redis.*} host and node
 * settings are ignored while it is on. The servers stop with the application context.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(before = RedisAutoConfiguration.class)
@ConditionalOnClass(RedisConnectionDetails.class)
@ConditionalOnProperty(prefix = "redis-cache.embedded", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(EmbeddedRedisProperties.class)
public class EmbeddedRedisAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedRedisAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisDeployment embeddedRedisDeployment(EmbeddedRedisProperties properties) {
		RedisDeployment.Builder builder = (properties.getTopology() == Topology.CLUSTER) ? RedisDeployment.cluster()
			.primaries(properties.getPrimaries())
			.replicasPerPrimary(properties.getReplicasPerPrimary()) : RedisDeployment.standalone();
		properties.getConfiguration().forEach(builder::configure);
		RedisDeployment deployment = builder.tls(properties.isTls()).start();
		logger.info("Started embedded {} for development; do not use it in production", deployment);
		return deployment;
	}

	@Bean
	@ConditionalOnMissingBean
	RedisConnectionDetails redisConnectionDetails(RedisDeployment deployment, EmbeddedRedisProperties properties) {
		return new EmbeddedRedisConnectionDetails(deployment, properties.getUsername(), properties.getPassword());
	}

}
