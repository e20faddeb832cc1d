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
package io.github.rediscache.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.rediscache.embedded.RedisDeployment;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * The two ways of caching compared: plain Spring Boot of the running generation
 * ({@code spring-boot-starter-data-redis} + {@code spring-boot-starter-cache}, JSON
 * through Spring Data Redis's generic Jackson serializer, Boot's defaults otherwise) and
 * redis-cache with every feature on.
 */
enum Flavor {

	PLAIN_BOOT("plain Boot", PlainBootCaching.class, "redis-cache.enabled=false"),

	REDIS_CACHE("redis-cache", Object.class);

	private final String label;

	private final Class<?> configuration;

	private final List<String> properties;

	Flavor(String label, Class<?> configuration, String... properties) {
		this.label = label;
		this.configuration = configuration;
		this.properties = List.of(properties);
	}

	String label() {
		return this.label;
	}

	/**
	 * Start an application instance of this flavor against the deployment.
	 * @param redis the Redis to use
	 * @param loader the loader shared by the instances of a scenario
	 * @param properties extra properties
	 * @return the running context
	 */
	ConfigurableApplicationContext start(RedisDeployment redis, Loader loader, String... properties) {
		return start(redis, loader, Map.of(), properties);
	}

	/**
	 * Start an application instance of this flavor against the deployment, with beans of
	 * the scenario's own.
	 * @param redis the Redis to use
	 * @param loader the loader shared by the instances of a scenario
	 * @param beans singletons to register, by name
	 * @param properties extra properties
	 * @return the running context
	 */
	ConfigurableApplicationContext start(RedisDeployment redis, Loader loader, Map<String, Object> beans,
			String... properties) {
		List<String> all = new ArrayList<>();
		redis.springBootProperties().forEach((key, value) -> all.add(key + "=" + value));
		all.add("spring.data.redis.timeout=500ms");
		all.add("redis-cache.report.enabled=false");
		all.add("spring.main.banner-mode=off");
		all.add("logging.level.root=WARN");
		all.addAll(this.properties);
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(BenchmarkApplication.class));
		if (this.configuration != Object.class) {
			sources.add(this.configuration);
		}
		return new SpringApplicationBuilder(sources.toArray(Class[]::new)).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.initializers((context) -> {
				context.getBeanFactory().registerSingleton("loader", loader);
				beans.forEach(context.getBeanFactory()::registerSingleton);
			})
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableCaching
	static class BenchmarkApplication {

		@Bean
		ProductService productService(Loader loader) {
			return new ProductService(loader);
		}

		/**
		 * With {@code bench.share-native-connection=false}, every cache command borrows a
		 * pooled connection instead of sharing Lettuce's native one.
		 */
		@Bean
		static BeanPostProcessor connectionSharing(Environment environment) {
			boolean share = environment.getProperty("bench.share-native-connection", Boolean.class, true);
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String name) {
					if (bean instanceof LettuceConnectionFactory factory) {
						factory.setShareNativeConnection(share);
					}
					return bean;
				}

			};
		}

	}

	/**
	 * What a team writes by hand today: JSON values with java.time and a TTL.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PlainBootCaching {

		@Bean
		RedisCacheConfiguration redisCacheConfiguration() {
			return RedisCacheConfiguration.defaultCacheConfig()
				.entryTtl(Duration.ofMinutes(30))
				.serializeValuesWith(SerializationPair.fromSerializer(Generation.plainBootSerializer()));
		}

	}

}
