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

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Resolves and validates {@link RedisCacheSettings} once, before any bean is created, and
 * registers them as a bean: a bad value stops start-up with the property, the value and
 * the fix, rather than a stack trace from deep inside the client.
 *
 * @author redis-cache authors
 */
class RedisCacheSettingsRegistrar implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsSingleton(RedisCacheSettings.BEAN_NAME)) {
			beanFactory.registerSingleton(RedisCacheSettings.BEAN_NAME,
					RedisCacheSettings.resolve(Binder.get(this.environment), beanFactory.getBeanClassLoader()));
		}
	}

}
