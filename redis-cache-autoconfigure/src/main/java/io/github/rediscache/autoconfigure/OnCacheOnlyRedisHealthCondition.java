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

import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application's health configuration says nothing of Spring Boot's
 * {@code redis} contributor: {@code management.health.redis.enabled} is not set to
 * {@code true} and no health group includes or excludes {@code redis} (Spring Boot stops
 * start-up when a group names a contributor that does not exist). Where the application
 * names it, it gets Spring Boot's contributor with Spring Boot's meaning.
 *
 * @author redis-cache authors
 */
class OnCacheOnlyRedisHealthCondition extends SpringBootCondition {

	private static final Pattern GROUP_MEMBERS = Pattern
		.compile("management\\.endpoint\\.health\\.group\\.[^.]+\\.(include|exclude)(\\[\\d+])?");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Redis health of a cache-only application");
		Environment environment = context.getEnvironment();
		String enabled = environment.getProperty("management.health.redis.enabled");
		if (enabled != null) {
			return Boolean.parseBoolean(enabled)
					? ConditionOutcome.noMatch(message.because("management.health.redis.enabled is true"))
					: ConditionOutcome.match(message.because("management.health.redis.enabled is false"));
		}
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource names) {
				for (ConfigurationPropertyName name : names) {
					if (GROUP_MEMBERS.matcher(name.toString()).matches()
							&& namesRedis(source.getConfigurationProperty(name))) {
						return ConditionOutcome.noMatch(message.because(name + " names the redis contributor"));
					}
				}
			}
		}
		return ConditionOutcome.match(message.because("no health configuration names the redis contributor"));
	}

	private static boolean namesRedis(ConfigurationProperty property) {
		Object value = (property != null) ? property.getValue() : null;
		if (value == null) {
			return false;
		}
		for (String member : value.toString().split(",")) {
			String trimmed = member.trim();
			if (trimmed.equals("redis") || trimmed.startsWith("redis/")) {
				return true;
			}
		}
		return false;
	}

}
