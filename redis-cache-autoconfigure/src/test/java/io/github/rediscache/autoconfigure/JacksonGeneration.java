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
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.github.rediscache.serializer.CacheObjectMapperCustomizer;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What tests need of the application's Jackson generation: Jackson 2 on Spring Boot 3.5.
 * One of the few test files a Spring Boot generation has of its own.
 */
final class JacksonGeneration {

	private JacksonGeneration() {
	}

	/**
	 * Write a value with the application's own mapper.
	 */
	static String applicationJson(ApplicationContext context, Object value) throws Exception {
		return context.getBean(ObjectMapper.class).writeValueAsString(value);
	}

	/**
	 * A cache-only customizer: kebab-case property names in the cache alone.
	 */
	@Configuration(proxyBeanMethods = false)
	static class KebabCaseInTheCacheOnly {

		@Bean
		CacheObjectMapperCustomizer kebabCaseInTheCacheOnly() {
			return (mapper) -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE);
		}

	}

}
