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
package io.github.rediscache.embedded.autoconfigure;

import java.util.List;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedisExtension;
import io.github.rediscache.embedded.RedisDeployment;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Connects the Spring test context of a class annotated with {@link EmbeddedRedis} to the
 * deployment JUnit started for that class: the context gets the deployment and
 * {@code RedisConnectionDetails} for it as beans, so Spring Boot's Redis
 * auto-configuration uses it without any property. Each such class gets a context of its
 * own, since its deployment lives as long as the class.
 *
 * @author redis-cache authors
 */
class EmbeddedRedisContextCustomizerFactory implements ContextCustomizerFactory {

	/**
	 * Whether the Spring Boot generation this hook is written for is present: the factory
	 * is registered by every jar of the hook, Spring Boot 3.5's and 4's, and only the one
	 * for the running generation acts.
	 */
	private static final boolean BOOT_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails",
			EmbeddedRedisContextCustomizerFactory.class.getClassLoader());

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return (BOOT_PRESENT && TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedRedis.class))
				? new EmbeddedRedisContextCustomizer(testClass) : null;
	}

	private record EmbeddedRedisContextCustomizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			RedisDeployment deployment = EmbeddedRedisExtension.runningFor(this.testClass);
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			beanFactory.registerSingleton("embeddedRedisDeployment", deployment);
			beanFactory.registerSingleton("embeddedRedisConnectionDetails",
					new EmbeddedRedisConnectionDetails(deployment));
		}

	}

}
