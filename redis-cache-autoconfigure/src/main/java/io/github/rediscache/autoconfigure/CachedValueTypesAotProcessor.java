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

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import io.github.rediscache.settings.TypeNames;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.Environment;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers, for Spring AOT, the types that redis-cache's JSON reads and writes
 * reflectively: the declared return type of every {@code @Cacheable} and
 * {@code @CachePut} method of the application's beans (with its type parameters, so
 * {@code Map<Long, Product>} registers {@code Product}) and every {@code value-type} of
 * {@code redis-cache.defaults} and {@code redis-cache.caches.*}. Registered through
 * {@code META-INF/spring/aot.factories}.
 *
 * @author redis-cache authors
 */
class CachedValueTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	@Nullable
	public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
		Set<Type> types = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> beanType = beanFactory.getType(name, false);
			if (beanType != null) {
				ReflectionUtils.doWithMethods(ClassUtils.getUserClass(beanType),
						(method) -> types.add(method.getGenericReturnType()), CachedValueTypesAotProcessor::caches);
			}
		}
		types.addAll(configuredValueTypes(beanFactory));
		if (types.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> {
			BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
			bindings.registerReflectionHints(generationContext.getRuntimeHints().reflection(),
					types.toArray(Type[]::new));
		};
	}

	private static boolean caches(Method method) {
		MergedAnnotations annotations = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY);
		return method.getReturnType() != void.class && (annotations.isPresent(Cacheable.class)
				|| annotations.isPresent(CachePut.class) || annotations.isPresent(Caching.class));
	}

	private static Set<Type> configuredValueTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Type> types = new LinkedHashSet<>();
		if (!(beanFactory.containsBean("environment")
				&& beanFactory.getBean("environment") instanceof Environment environment)) {
			return types;
		}
		RedisCacheProperties properties = Binder.get(environment)
			.bind("redis-cache", RedisCacheProperties.class)
			.orElseGet(RedisCacheProperties::new);
		Stream.concat(Stream.of(properties.getDefaults()), properties.getCaches().values().stream())
			.map(RedisCacheProperties.Cache::getValueType)
			.filter((name) -> name != null && !name.isBlank())
			.forEach((name) -> {
				try {
					types.add(TypeNames.parse("value-type", name, beanFactory.getBeanClassLoader()));
				}
				catch (RuntimeException ex) {
					// Named at start-up, with the property, by RedisCacheSettings.
				}
			});
		return types;
	}

}
