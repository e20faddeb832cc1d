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

import io.github.rediscache.client.ElastiCacheIamAuthentication;
import io.lettuce.core.ClientOptions.ReauthenticateBehavior;
import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * ElastiCache IAM authentication ({@code redis-cache.client.iam.enabled=true}): the
 * tokens as the connection's credentials (applied by
 * {@link RotatingCredentialsConfiguration}, as any credentials provider), and connections
 * that re-authenticate with each new token. Without the AWS SDK on the class path the
 * start-up stops naming the dependency to add.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisClient.class)
@ConditionalOnProperty(prefix = "redis-cache.client.iam", name = "enabled", havingValue = "true")
class IamAuthenticationConfiguration {

	private static final String AWS_SDK_AUTH = "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider";

	@Bean(destroyMethod = "close")
	ElastiCacheIamAuthentication redisCacheIamAuthentication(RedisCacheSettings settings,
			ResourceLoader resourceLoader) {
		if (!ClassUtils.isPresent(AWS_SDK_AUTH, resourceLoader.getClassLoader())) {
			throw new InvalidRedisCachePropertyException("redis-cache.client.iam.enabled", true,
					"needs the AWS SDK for Java 2, which is not on the class path",
					"Add the dependency software.amazon.awssdk:auth (its version from software.amazon.awssdk:bom).");
		}
		RedisCacheProperties.Iam iam = settings.properties().getClient().getIam();
		if (settings.properties().getClient().getPasswordFile() != null) {
			throw new InvalidRedisCachePropertyException("redis-cache.client.password-file",
					settings.properties().getClient().getPasswordFile(), "cannot be used with IAM authentication",
					"Remove redis-cache.client.password-file, or set redis-cache.client.iam.enabled=false.");
		}
		ElastiCacheIamAuthentication.Settings iamSettings = InvalidRedisCachePropertyException
			.named("redis-cache.client.", () -> new ElastiCacheIamAuthentication.Settings(iam.getUserId(),
					iam.getCacheName(), iam.getRegion(), iam.isServerless(), iam.getRefreshInterval()));
		return ElastiCacheIamAuthentication.create(iamSettings);
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer redisCacheIamReauthentication() {
		return (builder) -> builder.reauthenticateBehavior(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
	}

}
