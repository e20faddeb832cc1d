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

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.lang.Nullable;

/**
 * Stops start-up, before any auto-configuration condition can fail on a class of the
 * other generation, when the starter of one Spring Boot generation is in an application
 * of the other: the message names the artifact to use and the Spring Boot version found.
 * Runs as an {@link ApplicationContextInitializer}, a Spring Framework type that both
 * generations load from {@code spring.factories}.
 *
 * @author redis-cache authors
 */
class SpringBootGenerationCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * A class of the Spring Boot generation this glue is built for; its package says
	 * which (translated with the rest of the glue for Spring Boot 4).
	 */
	private static final String GENERATION_CLASS = "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration";

	/** The Spring Boot generation this glue is built for: 3 or 4. */
	static final int BUILT_FOR = GENERATION_CLASS.startsWith("org.springframework.boot.autoconfigure.") ? 3 : 4;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		check(SpringBootVersion.getVersion());
	}

	/**
	 * Check that the application runs the Spring Boot generation this glue is built for.
	 * @param bootVersion the Spring Boot version found, {@code null} if unknown
	 * @throws IllegalStateException naming the artifact to use if it does not
	 */
	static void check(@Nullable String bootVersion) {
		int major = major(bootVersion);
		if (major == 0 || major == BUILT_FOR || (BUILT_FOR == 4 && major > 4)) {
			return;
		}
		String found = "io.github.rediscache:" + artifact(BUILT_FOR) + " is built for Spring Boot "
				+ ((BUILT_FOR == 3) ? "3.5" : "4") + ", but this application runs Spring Boot " + bootVersion;
		if (major < 3) {
			throw new IllegalStateException(found + ": redis-cache needs Spring Boot 3.5 or 4");
		}
		throw new IllegalStateException(
				found + ": replace it with io.github.rediscache:" + artifact((major >= 4) ? 4 : 3));
	}

	private static String artifact(int generation) {
		return (generation == 3) ? "redis-cache-starter" : "redis-cache-starter-boot4";
	}

	private static int major(@Nullable String version) {
		if (version == null || version.indexOf('.') <= 0) {
			return 0;
		}
		try {
			return Integer.parseInt(version.substring(0, version.indexOf('.')));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
