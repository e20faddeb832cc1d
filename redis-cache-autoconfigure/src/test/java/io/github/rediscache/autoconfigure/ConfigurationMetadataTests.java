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

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.resilience.ResilienceSettings;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code redis-cache.*} property has IDE metadata with a description, and
 * docs/configuration.md lists it with its default.
 */
class ConfigurationMetadataTests {

	private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

	@Test
	void autoConfigurationMetadataIsGeneratedForFastConditionEvaluation() throws Exception {
		Properties metadata = PropertiesLoaderUtils
			.loadAllProperties("META-INF/spring-autoconfigure-metadata.properties");
		assertThat(metadata.stringPropertyNames())
			.anyMatch((key) -> key.startsWith(RedisCacheAutoConfiguration.class.getName() + "."))
			.anyMatch((key) -> key.startsWith(RedisCacheHealthAutoConfiguration.class.getName() + "."));
	}

	@Test
	void everyPropertyHasADescription() throws Exception {
		List<JsonNode> properties = properties();
		assertThat(properties).extracting((property) -> property.get("name").asText())
			.contains("redis-cache.defaults.ttl", "redis-cache.client.command-timeout", "redis-cache.embedded.enabled");
		assertThat(properties).allSatisfy(
				(property) -> assertThat(property.path("description").asText()).as(property.get("name").asText())
					.isNotBlank()
					.endsWith("."));
	}

	@Test
	void configurationDocListsEveryPropertyWithItsDefault() throws Exception {
		Map<String, String> rows = Files.readAllLines(CONFIGURATION_DOC)
			.stream()
			.filter((line) -> line.startsWith("| `redis-cache."))
			.collect(Collectors.toMap((line) -> line.substring(3, line.indexOf('`', 3)), (line) -> line));
		for (JsonNode property : properties()) {
			String name = property.get("name").asText();
			assertThat(rows.get(name)).as("docs/configuration.md row of %s", name).isNotNull();
			String defaultValue = defaultValue(property.get("defaultValue"));
			String defaultCell = rows.get(name).split(" \\| ")[1].trim();
			assertThat(defaultCell).as("default of %s in docs/configuration.md", name)
				.isEqualTo(defaultValue.isEmpty() ? "" : "`" + defaultValue + "`");
		}
		assertThat(rows.keySet()).as("documented properties that no longer exist")
			.containsExactlyInAnyOrderElementsOf(
					properties().stream().map((p) -> p.get("name").asText()).distinct().toList());
	}

	@Test
	void everyDefaultInTheMetadataIsTheCoresDefault() throws Exception {
		Map<String, String> documented = new LinkedHashMap<>();
		List<String> withoutDefault = new ArrayList<>();
		for (JsonNode property : properties()) {
			String name = property.get("name").asText();
			String value = defaultValue(property.get("defaultValue"));
			if (!value.isEmpty()) {
				documented.put(name, value);
			}
			else if (name.matches("redis-cache\\.(defaults|client|resilience)\\..*") && !property.has("deprecation")) {
				withoutDefault.add(name);
			}
		}
		RedisCacheSettings settings = RedisCacheSettingsTests.resolve(documented);
		assertThat(settings.defaults()).isEqualTo(CacheSpec.DEFAULTS);
		assertThat(settings.client()).isEqualTo(ClientSettings.DEFAULTS);
		assertThat(settings.resilience()).isEqualTo(ResilienceSettings.DEFAULTS);
		assertThat(withoutDefault).as("settings whose default the metadata does not state")
			.containsExactlyInAnyOrder("redis-cache.defaults.key-version", "redis-cache.defaults.value-type",
					"redis-cache.defaults.compress-above", "redis-cache.resilience.slow-call-duration-threshold",
					"redis-cache.client.password-file", "redis-cache.client.iam.user-id",
					"redis-cache.client.iam.cache-name", "redis-cache.client.iam.region");
	}

	@Test
	void renamedKeysAreDeprecatedWithTheirReplacement() throws Exception {
		assertThat(properties()).filteredOn((property) -> property.has("deprecation"))
			.singleElement()
			.satisfies((property) -> {
				assertThat(property.get("name").asText()).isEqualTo("redis-cache.defaults.ttl-jitter");
				assertThat(property.path("deprecation").path("replacement").asText())
					.isEqualTo("redis-cache.defaults.ttl-jitter-percent");
			});
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asText()));
			return String.join(",", items);
		}
		return value.asText();
	}

	private static List<JsonNode> properties() throws Exception {
		List<JsonNode> properties = new ArrayList<>();
		ObjectMapper mapper = new ObjectMapper();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				mapper.readTree(in).path("properties").forEach((property) -> {
					if (property.get("name").asText().startsWith("redis-cache.")) {
						properties.add(property);
					}
				});
			}
		}
		return properties;
	}

}
