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

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;

/**
 * The auto-configurations a test context needs for the health endpoint, on Spring Boot 4
 * (which builds the registry of contributors in an auto-configuration of its own). One of
 * the few test files a Spring Boot generation has of its own.
 */
final class HealthEndpointContexts {

	private HealthEndpointContexts() {
	}

	static AutoConfigurations autoConfigurations() {
		return AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class, EndpointAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class);
	}

}
