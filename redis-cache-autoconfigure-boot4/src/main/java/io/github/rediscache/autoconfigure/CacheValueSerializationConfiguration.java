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

import io.github.rediscache.serializer.CacheJsonMapperCustomizer;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.Jackson3CacheValueSerialization;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The serialization of cache values on Spring Boot 4: Jackson 3. It writes the same JSON
 * as the Jackson 2 serialization of the Spring Boot 3.5 glue, so entries survive the
 * move. This class is one of the few the Spring Boot 4 glue has of its own (see
 * docs/architecture.md).
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
class CacheValueSerializationConfiguration {

	/**
	 * The serialization of cache values: a rebuild of the application's
	 * {@link JsonMapper} (Spring Boot's, with its modules and customizers) or, without
	 * one, a plain mapper, then the cache's settings and the
	 * {@link CacheJsonMapperCustomizer}s.
	 */
	@Bean
	@ConditionalOnMissingBean
	CacheValueSerialization redisCacheValueSerialization(RedisCacheSettings settings, BeanFactory beanFactory,
			ObjectProvider<JsonMapper> applicationMapper, ObjectProvider<CacheJsonMapperCustomizer> customizers) {
		JsonMapper base = applicationMapper.getIfUnique(() -> JsonMapper.builder().build());
		return InvalidRedisCachePropertyException
			.named("redis-cache.serialization.", () -> Jackson3CacheValueSerialization.create(base,
					settings.allowedPackages(beanFactory),
					(builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder))));
	}

}
