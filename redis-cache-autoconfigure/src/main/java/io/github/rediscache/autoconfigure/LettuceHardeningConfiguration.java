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

import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Production options for the Lettuce client that Spring Boot creates.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisClient.class)
@ConditionalOnProperty(prefix = "redis-cache.client", name = "enabled", matchIfMissing = true)
class LettuceHardeningConfiguration {

	@Bean
	LettuceClientHardening redisCacheLettuceClientHardening(RedisCacheProperties properties,
			RedisProperties redisProperties, Environment environment) {
		return new LettuceClientHardening(properties.getClient(), redisProperties,
				ProductionPoolSettings.from(Binder.get(environment)));
	}

}
