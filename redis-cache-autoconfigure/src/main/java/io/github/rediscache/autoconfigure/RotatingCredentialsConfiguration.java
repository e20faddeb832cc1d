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

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.rediscache.client.RotatingCredentials;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;

/**
 * Credentials asked for on every authentication: from
 * {@code redis-cache.client.password-file}, or from the application's own
 * {@link RedisCredentialsProviderFactory} bean.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisClient.class)
class RotatingCredentialsConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = "redis-cache.client", name = "password-file")
	@ConditionalOnMissingBean(RedisCredentialsProviderFactory.class)
	RotatingCredentials redisCacheRotatingCredentials(RedisCacheSettings settings) {
		Path file = settings.properties().getClient().getPasswordFile();
		if (!Files.isReadable(file)) {
			throw new InvalidRedisCachePropertyException("redis-cache.client.password-file", file,
					"is not a readable file", "Mount the secret at that path, or correct the path.");
		}
		return RotatingCredentials.fromFile(file);
	}

	@Bean
	@ConditionalOnBean(RedisCredentialsProviderFactory.class)
	LettuceClientConfigurationBuilderCustomizer redisCacheCredentialsCustomizer(
			ObjectProvider<RedisCredentialsProviderFactory> credentials) {
		return (builder) -> credentials.ifUnique(builder::redisCredentialsProviderFactory);
	}

}
