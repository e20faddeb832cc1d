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

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rediscache.serializer.CacheObjectMapperCustomizer;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The serialization of cache values on Spring Boot 3.5: Jackson 2. This class is one of
 * the few a Spring Boot generation has of its own (see docs/architecture.md).
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
class CacheValueSerializationConfiguration {

	/**
	 * The serialization of cache values: a copy of the application's {@link ObjectMapper}
	 * (Spring Boot's, with its modules and customizers) or, without one, the core's
	 * default mapper, then the cache's settings and the
	 * {@link CacheObjectMapperCustomizer}s.
	 */
	@Bean
	@ConditionalOnMissingBean
	CacheValueSerialization redisCacheValueSerialization(RedisCacheSettings settings, BeanFactory beanFactory,
			ObjectProvider<ObjectMapper> applicationMapper, ObjectProvider<CacheObjectMapperCustomizer> customizers) {
		ObjectMapper base = applicationMapper.getIfUnique(Jackson2CacheValueSerialization::defaultMapper);
		return InvalidRedisCachePropertyException.named("redis-cache.serialization.",
				() -> Jackson2CacheValueSerialization.create(base, settings.allowedPackages(beanFactory),
						(mapper) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(mapper))));
	}

}
