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

import io.github.rediscache.client.LettuceClientHardening;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Production options for the Lettuce client that Spring Boot creates, applied through
 * Boot's own customizers.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisClient.class)
@ConditionalOnProperty(prefix = "redis-cache.client", name = "enabled", matchIfMissing = true)
class LettuceHardeningConfiguration {

	@Bean
	LettuceClientHardening redisCacheLettuceClientHardening(RedisCacheSettings settings) {
		return new LettuceClientHardening(settings.client(), settings.pool());
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer redisCacheClientOptionsCustomizer(LettuceClientHardening hardening) {
		return hardening::apply;
	}

	/**
	 * The pool settings, and cluster options for a cluster however it was given
	 * (properties, a {@link RedisConnectionDetails} bean, a service connection); runs
	 * after the application's own customizers, which are registered first.
	 */
	@Bean
	LettuceClientConfigurationBuilderCustomizer redisCacheClientConfigurationCustomizer(
			LettuceClientHardening hardening, ObjectProvider<RedisConnectionDetails> connectionDetails) {
		return (builder) -> {
			RedisConnectionDetails details = connectionDetails.getIfUnique();
			hardening.apply(builder, details != null && details.getCluster() != null);
		};
	}

	@Bean
	ClientResourcesBuilderCustomizer redisCacheClientResourcesCustomizer(LettuceClientHardening hardening) {
		return hardening::apply;
	}

}
