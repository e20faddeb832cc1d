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

import java.util.List;
import java.util.function.BiConsumer;

import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.cache.DeclaredTypeCacheResolver;
import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.cache.ResilientRedisCacheManagerBuilderCustomizer;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.FallbackCacheErrorHandler;
import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizers;
import org.springframework.boot.autoconfigure.cache.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link CacheManager}: a {@link ResilientRedisCacheManager} built from
 * {@code redis-cache.*}, then by the user's {@link RedisCacheManagerBuilderCustomizer}s,
 * {@link ResilientRedisCacheManagerBuilderCustomizer}s and
 * {@link CacheManagerCustomizer}s.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnMissingBean(CacheManager.class)
@Import(CacheValueSerializationConfiguration.class)
class RedisCacheManagerConfiguration {

	static final String VALUE_SERIALIZER_BEAN = "redisCacheValueSerializer";

	/**
	 * Caching callers never see a cache error, and get values as their methods declare
	 * them ({@link DeclaredTypeCacheResolver}).
	 */
	@Bean
	@ConditionalOnMissingBean(CachingConfigurer.class)
	CachingConfigurer redisCacheCachingConfigurer(ObjectProvider<CacheEventListener> listener,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<CacheManager> cacheManager) {
		// Resolved at the first fallback, not while caching is set up: the registries are
		// configured by post-processors that may not have run yet.
		SingletonSupplier<BiConsumer<String, FallbackReason>> fallbacks = SingletonSupplier
			.of(() -> new CacheObservations(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
				.recording(listener.getIfAvailable(() -> CacheEventListener.NONE)::fallback));
		CacheErrorHandler errorHandler = new FallbackCacheErrorHandler(
				(cacheName, reason) -> fallbacks.obtain().accept(cacheName, reason));
		CacheResolver cacheResolver = new DeclaredTypeCacheResolver(SingletonSupplier.of(cacheManager::getObject));
		return new CachingConfigurer() {

			@Override
			public CacheErrorHandler errorHandler() {
				return errorHandler;
			}

			@Override
			public CacheResolver cacheResolver() {
				return cacheResolver;
			}

		};
	}

	/**
	 * Applies, first of all customizers, the beans that replace part of what properties
	 * configure: a {@link RedisCacheConfiguration}, a value serializer named
	 * {@value #VALUE_SERIALIZER_BEAN}, and Spring Boot's
	 * {@link RedisCacheManagerBuilderCustomizer}s.
	 */
	@Bean
	@Order(0)
	ResilientRedisCacheManagerBuilderCustomizer redisCacheUserBeansCustomizer(
			ObjectProvider<RedisCacheConfiguration> configuration,
			@Qualifier(VALUE_SERIALIZER_BEAN) ObjectProvider<RedisSerializer<?>> valueSerializer,
			ObjectProvider<RedisCacheManagerBuilderCustomizer> builderCustomizers) {
		return (builder) -> {
			configuration.ifAvailable(builder::cacheConfiguration);
			valueSerializer.ifAvailable(builder::valueSerializer);
			builderCustomizers.orderedStream().forEach((customizer) -> builder.configure(customizer::customize));
		};
	}

	@Bean
	ResilientRedisCacheManager cacheManager(RedisConnectionFactory connectionFactory, RedisCacheSettings settings,
			CacheValueSerialization serialization, RedisGuard guard, ObjectProvider<CacheEventListener> listener,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ResilientRedisCacheManagerBuilderCustomizer> builderCustomizers,
			ObjectProvider<CacheManagerCustomizer<?>> managerCustomizers) {
		ResilientRedisCacheManager.Builder builder = ResilientRedisCacheManager.newBuilder(connectionFactory)
			.keyPrefix(settings.keyPrefix())
			.allowRuntimeCaches(settings.properties().isAllowRuntimeCaches())
			.defaults(settings.defaults())
			.serialization(serialization)
			.guard(guard)
			.commandTimeout(settings.commandTimeout())
			.maxPendingEvictionsPerCache(settings.resilience().maxPendingEvictionsPerCache())
			.largeValueWarning(settings.properties().getLargeValueWarning().toBytes());
		settings.caches().forEach(builder::cache);
		builder.nearCacheDefaults(settings.nearDefaults());
		settings.nearCaches().forEach((name, near) -> builder.nearCache(name, near.orElse(null)));
		listener.ifAvailable(builder::listener);
		observationRegistry.ifAvailable(builder::observationRegistry);
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		ResilientRedisCacheManager cacheManager = builder.build();
		new CacheManagerCustomizers(managerCustomizers.orderedStream().toList()).customize(cacheManager);
		return cacheManager;
	}

}
