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

import io.github.rediscache.cache.CacheAside;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;

/**
 * {@link CacheAside} over whatever {@link CacheManager} the application has:
 * redis-cache's, or the one {@code spring.cache.type} chose instead ({@code none} in
 * tests calls the loader every time, {@code simple} caches in memory), so that code
 * written against {@code CacheAside} starts and works in every setup.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(after = { RedisCacheAutoConfiguration.class, CacheAutoConfiguration.class })
@ConditionalOnProperty(prefix = "redis-cache", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(CacheManager.class)
public class CacheAsideAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CacheAside cacheAside(CacheManager cacheManager) {
		return new CacheAside(cacheManager);
	}

}
