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

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.autoconfigure.app.Product;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints redis-cache gives Spring AOT, found through {@code aot.factories} as Spring
 * finds them. That the starter's auto-configuration survives AOT processing and serves
 * from the generated context is tested on the sample
 * ({@code SampleApplicationAotIntegrationTests}).
 */
class RedisCacheAotTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void theMethodsLookedUpByNameAreRegisteredForReflection() {
		RuntimeHints hints = new RuntimeHints();
		AotServices.factories(this.classLoader)
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, this.classLoader));
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.lettuce.core.cluster.ClusterTopologyRefreshOptions$Builder"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.data.redis.cache.RedisCacheWriter"))).accepts(hints);
	}

	@Test
	void theDeclaredTypesOfCachedMethodsAndConfiguredValueTypesAreRegisteredForBinding() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("catalogue", new RootBeanDefinition(CatalogueService.class));
		beanFactory.registerSingleton("environment", new MockEnvironment()
			.withProperty("redis-cache.caches.legacy.value-type", "java.util.List<" + Legacy.class.getName() + ">"));
		RuntimeHints hints = process(beanFactory);
		assertThat(RuntimeHintsPredicates.reflection().onType(Product.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Legacy.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(hints);
	}

	@Test
	void anApplicationWithoutCachedMethodsGetsNoContribution() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("unrelated", new RootBeanDefinition(Unrelated.class));
		assertThat(processors().stream().map((processor) -> processor.processAheadOfTime(beanFactory)))
			.containsOnlyNulls();
	}

	private RuntimeHints process(DefaultListableBeanFactory beanFactory) {
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles());
		for (BeanFactoryInitializationAotProcessor processor : processors()) {
			BeanFactoryInitializationAotContribution contribution = processor.processAheadOfTime(beanFactory);
			if (contribution != null) {
				contribution.applyTo(generation, null);
			}
		}
		return generation.getRuntimeHints();
	}

	private List<BeanFactoryInitializationAotProcessor> processors() {
		return AotServices.factories(this.classLoader)
			.load(BeanFactoryInitializationAotProcessor.class)
			.stream()
			.filter(CachedValueTypesAotProcessor.class::isInstance)
			.toList();
	}

	record Legacy(String name) {
	}

	static class Unrelated {

		public Legacy notCached() {
			return new Legacy("x");
		}

	}

}
