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

import java.time.Duration;

import io.github.rediscache.report.StartupReport;
import io.github.rediscache.report.StartupReport.Report;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.autoconfigure.cache.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@EmbeddedRedis(configuration = "maxmemory-policy noeviction")
class StartupReportIntegrationTests {

	@Test
	void reportsTheServersEvictionPolicyAndEternalCaches(RedisDeployment redis) {
		TestContexts.with(redis)
			.withPropertyValues("redis-cache.report.enabled=true")
			.withUserConfiguration(EternalCacheConfiguration.class)
			.run((context) -> {
				Report report = context.getBean(StartupReport.class).report();
				assertThat(report.summary()).isEqualTo(
						"redis-cache start-up checks: mode=standalone, tls=off, authentication=off, maxmemory-policy=noeviction");
				assertThat(report.warnings()).hasSize(2)
					.anySatisfy((warning) -> assertThat(warning).contains("noeviction"))
					.anySatisfy((warning) -> assertThat(warning).contains("cache 'legacy'"));
			});
	}

	@Test
	void theChecksCanBeReadLaterFromActuatorsInfoEndpoint(RedisDeployment redis) {
		TestContexts.with(redis)
			.withPropertyValues("redis-cache.report.enabled=true")
			.withConfiguration(AutoConfigurations.of(RedisCacheInfoAutoConfiguration.class))
			.run((context) -> {
				InfoContributor contributor = context.getBean("redisCacheInfoContributor", InfoContributor.class);
				assertThat(info(contributor)).contains("not run yet");
				context.getBean(StartupReport.class).log();
				assertThat(info(contributor)).contains("redis-cache start-up checks: mode=standalone")
					.contains("noeviction");
			});
	}

	private static String info(InfoContributor contributor) {
		Info.Builder builder = new Info.Builder();
		contributor.contribute(builder);
		return String.valueOf(builder.build().get("redisCache"));
	}

	@Test
	void findingsListedInFailOnFailTheStartUpNamingTheFix(RedisDeployment redis) {
		TestContexts.with(redis)
			.withPropertyValues("redis-cache.report.enabled=true", "redis-cache.report.fail-on=noeviction,no-tls")
			.run((context) -> {
				@SuppressWarnings("unchecked")
				ApplicationListener<ApplicationReadyEvent> listener = context.getBean("redisCacheStartupReportListener",
						ApplicationListener.class);
				ApplicationReadyEvent ready = new ApplicationReadyEvent(new SpringApplication(), new String[0],
						context.getSourceApplicationContext(), Duration.ZERO);
				assertThatIllegalStateException().isThrownBy(() -> listener.onApplicationEvent(ready))
					.withMessageContaining("no-tls,noeviction")
					.withMessageContaining("redis-cache.report.fail-on")
					.withMessageContaining("use allkeys-lru");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class EternalCacheConfiguration {

		@Bean
		RedisCacheManagerBuilderCustomizer eternalCache() {
			return (builder) -> builder.withCacheConfiguration("legacy",
					RedisCacheConfiguration.defaultCacheConfig().entryTtl(Duration.ZERO));
		}

	}

}
