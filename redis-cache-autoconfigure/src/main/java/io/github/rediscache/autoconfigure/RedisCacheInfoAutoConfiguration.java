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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.rediscache.client.EffectiveClientSettings;
import io.github.rediscache.report.StartupReport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * What an operator reads in Actuator's {@code info} endpoint after the log has rolled,
 * under {@code redisCache}: {@code client}, the client settings in effect (read back from
 * the connection factory, after every customizer), and {@code startupChecks}.
 *
 * @author redis-cache authors
 */
@AutoConfiguration(after = RedisCacheAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
@ConditionalOnBean(RedisConnectionFactory.class)
public class RedisCacheInfoAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "redisCacheInfoContributor")
	InfoContributor redisCacheInfoContributor(ObjectProvider<StartupReport> report,
			ObjectProvider<RedisConnectionFactory> connectionFactory) {
		return (builder) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			if (connectionFactory.getIfUnique() instanceof LettuceConnectionFactory lettuce) {
				details.put("client",
						EffectiveClientSettings
							.of(lettuce.getClientConfiguration(), lettuce.getClusterConfiguration() != null)
							.values());
			}
			StartupReport startupReport = report.getIfAvailable();
			if (startupReport != null) {
				details.put("startupChecks", startupChecks(startupReport.lastReport()));
			}
			builder.withDetail("redisCache", details);
		};
	}

	private static Map<String, Object> startupChecks(@Nullable StartupReport.Report last) {
		Map<String, Object> checks = new LinkedHashMap<>();
		if (last == null) {
			checks.put("summary", "not run yet (the checks run once, in the background, after start-up)");
		}
		else {
			checks.put("summary", last.summary());
			checks.put("warnings", last.warnings());
		}
		return checks;
	}

}
