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

import java.util.Map;
import java.util.Set;

import io.github.rediscache.report.StartupCheck;
import io.github.rediscache.report.StartupReport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of redis-cache: a hardened Lettuce client (through Spring Boot's own
 * Redis auto-configuration and its customizers, never a second connection factory), a
 * {@link RedisCacheManager} with JSON values and per-cache settings from
 * {@code redis-cache.*}, start-up validation of the properties and start-up checks. It
 * changes nothing when {@code spring.cache.type} names another cache type ({@code none}
 * and {@code simple} in tests, say): no client hardening, no breakers, no report.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(after = RedisAutoConfiguration.class, before = CacheAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, RedisCacheManager.class, CacheManager.class })
@ConditionalOnProperty(prefix = "redis-cache", name = "enabled", matchIfMissing = true)
@ConditionalOnProperty(prefix = "spring.cache", name = "type", havingValue = "redis", matchIfMissing = true)
@EnableConfigurationProperties(RedisCacheProperties.class)
@Import({ LettuceHardeningConfiguration.class, IamAuthenticationConfiguration.class,
		RotatingCredentialsConfiguration.class, ResilienceConfiguration.class, RedisCacheManagerConfiguration.class })
public class RedisCacheAutoConfiguration {

	@Bean
	static RedisCacheSettingsRegistrar redisCacheSettingsRegistrar() {
		return new RedisCacheSettingsRegistrar();
	}

	@Bean
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@ConditionalOnProperty(prefix = "redis-cache.report", name = "enabled", matchIfMissing = true)
	StartupReport redisCacheStartupReport(LettuceConnectionFactory connectionFactory,
			ObjectProvider<RedisCacheManager> cacheManager, RedisCacheSettings settings) {
		return new StartupReport(connectionFactory, () -> {
			RedisCacheManager manager = cacheManager.getIfAvailable();
			return (manager != null) ? manager.getCacheConfigurations() : Map.of();
		}, settings.commandTimeout());
	}

	/**
	 * Runs the checks in the background once the application is ready, or before it
	 * reports ready when some findings must fail the start-up.
	 */
	@Bean
	@ConditionalOnBean(StartupReport.class)
	ApplicationListener<ApplicationReadyEvent> redisCacheStartupReportListener(StartupReport report,
			RedisCacheSettings settings) {
		Set<StartupCheck> failOn = settings.properties().getReport().getFailOn();
		return (event) -> {
			if (failOn.isEmpty()) {
				report.logInBackground();
			}
			else {
				report.failOnAny(failOn);
			}
		};
	}

}
