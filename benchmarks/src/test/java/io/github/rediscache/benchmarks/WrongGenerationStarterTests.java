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

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The starter of the other Spring Boot generation in an application of this one: the
 * application's class path holds this generation's Spring Boot and the other generation's
 * redis-cache glue, exactly as a user who picked the wrong artifact has it. Start-up
 * stops before any auto-configuration condition, with a message naming the artifact to
 * use and the Spring Boot version found. This class runs on Spring Boot 3.5 (benchmarks,
 * with the Spring Boot 4 glue) and on Spring Boot 4 (benchmarks-boot4, with the Spring
 * Boot 3.5 glue), so both directions are tested.
 */
class WrongGenerationStarterTests {

	private static final String GLUE_PACKAGE = "io.github.rediscache.autoconfigure.";

	@Test
	void theOtherGenerationsStarterStopsStartUpNamingTheArtifactToUse() throws IOException {
		Path otherGlue = Path.of(System.getProperty("other-generation-glue", "unset"));
		assertThat(otherGlue.resolve("META-INF/spring.factories"))
			.as("the other generation's glue, built earlier in the reactor (./mvnw -B verify builds it)")
			.exists();
		boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
		try (URLClassLoader application = new OtherGlueFirst(otherGlue, getClass().getClassLoader())) {
			SpringApplication springApplication = new SpringApplication(new DefaultResourceLoader(application),
					Application.class);
			springApplication.setWebApplicationType(WebApplicationType.NONE);
			assertThatIllegalStateException().isThrownBy(() -> springApplication.run().close())
				.withMessageContaining("but this application runs Spring Boot " + SpringBootVersion.getVersion())
				.withMessageEndingWith("replace it with io.github.rediscache:"
						+ (boot4 ? "redis-cache-starter-boot4" : "redis-cache-starter"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

	/**
	 * The class path of an application with the other generation's glue instead of this
	 * one's: the glue's classes and its {@code META-INF} files come from the other
	 * generation's build; everything else (Spring Boot, the core) from this one.
	 */
	private static final class OtherGlueFirst extends URLClassLoader {

		private final URL thisGlue;

		OtherGlueFirst(Path otherGlue, ClassLoader parent) throws MalformedURLException {
			super(new URL[] { otherGlue.toUri().toURL() }, parent);
			this.thisGlue = codeSource(parent);
		}

		private static URL codeSource(ClassLoader loader) {
			try {
				return loader.loadClass(GLUE_PACKAGE + "RedisCacheAutoConfiguration")
					.getProtectionDomain()
					.getCodeSource()
					.getLocation();
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(GLUE_PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				return (loaded != null) ? loaded : findClass(name);
			}
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			List<URL> resources = new ArrayList<>(Collections.list(findResources(name)));
			for (URL parentResource : Collections.list(getParent().getResources(name))) {
				if (!parentResource.toString().startsWith(this.thisGlue.toString())) {
					resources.add(parentResource);
				}
			}
			return Collections.enumeration(resources);
		}

	}

}
