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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rediscache.cache.CacheAside;
import io.github.rediscache.cache.CacheEventListener;
import io.github.rediscache.cache.CacheInfrastructure;
import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.cache.ProductionRedisCacheManager;
import io.github.rediscache.cache.RedisCacheConfigurationFactory;
import io.github.rediscache.cache.UnlinkingCacheWriter;
import io.github.rediscache.resilience.FallbackCacheErrorHandler;
import io.github.rediscache.resilience.GuardedCacheWriter;
import io.github.rediscache.resilience.PendingInvalidations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.serializer.AllowListTypeValidator;
import io.github.rediscache.serializer.CacheValueSerializers;
import io.github.rediscache.stampede.EarlyRefresh;
import io.github.rediscache.stampede.LoadCoordinator;
import io.github.rediscache.stampede.RedisLeases;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizers;
import org.springframework.boot.autoconfigure.cache.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheManager.RedisCacheManagerBuilder;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The {@link CacheManager}: Redis caches configured from {@code redis-cache.*}, then by
 * the user's {@link RedisCacheManagerBuilderCustomizer}s and
 * {@link CacheManagerCustomizer}s.
 *
 * @author redis-cache authors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(prefix = "spring.cache", name = "type", havingValue = "redis", matchIfMissing = true)
class RedisCacheManagerConfiguration {

	static final String VALUE_SERIALIZER_BEAN = "redisCacheValueSerializer";

	@Bean(VALUE_SERIALIZER_BEAN)
	@ConditionalOnMissingBean(name = VALUE_SERIALIZER_BEAN)
	RedisSerializer<Object> redisCacheValueSerializer(RedisCacheProperties properties, BeanFactory beanFactory) {
		return CacheValueSerializers.typed(objectMapper(properties, beanFactory));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisGuard redisCacheGuard() {
		return RedisGuard.failSafe();
	}

	@Bean
	@ConditionalOnMissingBean
	PendingInvalidations redisCachePendingInvalidations(RedisCacheProperties properties) {
		return new PendingInvalidations(properties.getResilience().getMaxPendingEvictionsPerCache());
	}

	@Bean
	@ConditionalOnMissingBean
	CacheInfrastructure redisCacheInfrastructure(RedisConnectionFactory connectionFactory, RedisGuard guard,
			ObjectProvider<CacheEventListener> listener) {
		Clock clock = Clock.systemUTC();
		DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
		return new CacheInfrastructure(
				new LoadCoordinator(new RedisLeases(connectionFactory, guard), clock, random,
						LoadCoordinator.Sleeper.THREAD),
				new EarlyRefresh(clock, random), clock, listener.getIfAvailable(() -> CacheEventListener.NONE));
	}

	@Bean
	@ConditionalOnMissingBean(CachingConfigurer.class)
	CachingConfigurer redisCacheCachingConfigurer(CacheInfrastructure infrastructure) {
		CacheErrorHandler errorHandler = new FallbackCacheErrorHandler(infrastructure.listener()::fallback);
		return new CachingConfigurer() {

			@Override
			public CacheErrorHandler errorHandler() {
				return errorHandler;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	CacheAside cacheAside(CacheManager cacheManager) {
		return new CacheAside(cacheManager);
	}

	@Bean
	ProductionRedisCacheManager cacheManager(RedisConnectionFactory connectionFactory, RedisCacheProperties properties,
			ObjectProvider<RedisProperties> redisProperties, BeanFactory beanFactory, ResourceLoader resourceLoader,
			@Qualifier(VALUE_SERIALIZER_BEAN) RedisSerializer<?> valueSerializer,
			ObjectProvider<RedisCacheConfiguration> userConfiguration,
			ObjectProvider<RedisCacheManagerBuilderCustomizer> builderCustomizers,
			ObjectProvider<CacheManagerCustomizer<?>> managerCustomizers, CacheInfrastructure infrastructure,
			RedisGuard guard, PendingInvalidations pendingInvalidations) {
		CacheSpecResolver resolver = new CacheSpecResolver(properties, resourceLoader.getClassLoader());
		ObjectMapper mapper = objectMapper(properties, beanFactory);
		RedisCacheConfigurationFactory factory = new RedisCacheConfigurationFactory(properties.getKeyPrefix(),
				valueSerializer, (type) -> CacheValueSerializers.forType(mapper, type),
				() -> ThreadLocalRandom.current().nextDouble());
		RedisCacheConfiguration user = userConfiguration.getIfAvailable();
		RedisCacheWriter writer = new GuardedCacheWriter(
				new UnlinkingCacheWriter(RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory),
						connectionFactory, commandTimeout(properties, redisProperties.getIfAvailable())),
				guard, pendingInvalidations, CacheStatisticsCollector.create(), infrastructure.listener()::fallback);
		RedisCacheManagerBuilder builder = RedisCacheManager.builder(writer)
			.cacheDefaults((user != null) ? user : factory.create(resolver.defaults()))
			.allowCreateOnMissingCache(properties.isAllowRuntimeCaches());
		Map<String, CacheSpec> specs = resolver.caches();
		specs.forEach(
				(name, spec) -> builder.withCacheConfiguration(name, (user != null) ? user : factory.create(spec)));
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		RedisCacheManager configured = builder.build();
		Map<String, RedisCacheConfiguration> caches = new LinkedHashMap<>();
		builder.getConfiguredCaches()
			.forEach((name) -> caches.put(name, builder.getCacheConfigurationFor(name).orElseThrow()));
		ProductionRedisCacheManager cacheManager = new ProductionRedisCacheManager(writer, builder.cacheDefaults(),
				configured.isAllowRuntimeCacheCreation(), caches, resolver.defaults(), specs, infrastructure);
		cacheManager.setTransactionAware(configured.isTransactionAware());
		new CacheManagerCustomizers(managerCustomizers.orderedStream().toList()).customize(cacheManager);
		return cacheManager;
	}

	private static Duration commandTimeout(RedisCacheProperties properties, RedisProperties redis) {
		return (redis != null && redis.getTimeout() != null) ? redis.getTimeout()
				: properties.getClient().getCommandTimeout();
	}

	static ObjectMapper objectMapper(RedisCacheProperties properties, BeanFactory beanFactory) {
		List<String> packages = new ArrayList<>(properties.getSerialization().getAllowedPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		return CacheValueSerializers.objectMapper(AllowListTypeValidator.forPackages(packages));
	}

}
