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

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The starter of one Spring Boot generation in an application of the other stops start-up
 * naming the artifact to use; on each leg, both directions are checked against the
 * version the check reads.
 */
class SpringBootGenerationCheckTests {

	@Test
	void theGenerationThisGlueIsBuiltForStarts() {
		assertThat(SpringBootVersion.getVersion()).startsWith(SpringBootGenerationCheck.BUILT_FOR + ".");
		assertThatNoException().isThrownBy(() -> SpringBootGenerationCheck.check(SpringBootVersion.getVersion()));
	}

	@Test
	void theOtherGenerationStopsStartUpNamingTheArtifactToUseAndTheVersionFound() {
		boolean boot3Glue = SpringBootGenerationCheck.BUILT_FOR == 3;
		String other = boot3Glue ? "4.1.2" : "3.5.7";
		assertThatIllegalStateException().isThrownBy(() -> SpringBootGenerationCheck.check(other))
			.withMessageContaining("runs Spring Boot " + other)
			.withMessageEndingWith("replace it with io.github.rediscache:"
					+ (boot3Glue ? "redis-cache-starter-boot4" : "redis-cache-starter"));
	}

	@Test
	void aSpringBootBeforeThreeIsToldWhatRedisCacheNeeds() {
		assertThatIllegalStateException().isThrownBy(() -> SpringBootGenerationCheck.check("2.7.18"))
			.withMessageEndingWith("redis-cache needs Spring Boot 3.5 or 4");
	}

	@Test
	void anUnknownVersionIsLeftToSpringBoot() {
		assertThatNoException().isThrownBy(() -> SpringBootGenerationCheck.check(null));
		assertThatNoException().isThrownBy(() -> SpringBootGenerationCheck.check("unknown"));
	}

	@Test
	void runsBeforeTheContextRefreshesAsAnInitializerOfBothGenerations() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(ApplicationContextInitializer.class)).hasAtLeastOneElementOfType(SpringBootGenerationCheck.class);
	}

}
