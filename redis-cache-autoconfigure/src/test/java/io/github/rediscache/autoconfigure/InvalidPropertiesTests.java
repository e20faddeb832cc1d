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

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidPropertiesTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					redis-cache.defaults.ttl                      | 0s                  | must be a positive duration   | Set a positive duration
					redis-cache.caches.products.ttl               | -5m                 | must be a positive duration   | Set a positive duration
					redis-cache.caches.products.ttl-jitter-percent        | 150                 | between 0 and 100             | Set a percentage between 0 and 100
					redis-cache.defaults.ttl-jitter-percent               | -1                  | between 0 and 100             | Set a percentage between 0 and 100
					redis-cache.caches.products.value-type        | com.example.Missing | no such class on the classpath| fully qualified name
					redis-cache.caches.products.key-version       | v 2                 | letters, digits               | Use 1 to 32 letters
					redis-cache.caches.products.null-value-ttl    | 0s                  | must be a positive duration   | Set a positive duration
					spring.data.redis.cluster.nodes               | 127.0.0.1           | not a host:port address       | host:port
					spring.data.redis.cluster.nodes               | 127.0.0.1:99999     | not a host:port address       | host:port
					redis-cache.client.command-timeout            | 0s                  | must be a positive duration   | Set a positive duration
					redis-cache.client.request-queue-size         | 0                   | must be at least 1            | Set a bound
					redis-cache.serialization.allowed-packages    | com.                | is not a package name         | List package names
					""")
	void invalidValueStopsStartUpNamingThePropertyTheValueAndTheFix(String property, String value, String reason,
			String action) {
		TestContexts.withoutRedis().withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new InvalidRedisCachePropertyFailureAnalyzer().analyze(failure);
			assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + property + "'").contains(value).contains(reason);
			assertThat(analysis.getAction()).contains(action);
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			max-idle=20,max-active=10  | spring.data.redis.lettuce.pool.max-idle | more idle connections than
			min-idle=9,max-idle=4      | spring.data.redis.lettuce.pool.min-idle | more than
			""")
	void inconsistentPoolStopsStartUp(String settings, String property, String reason) {
		String[] values = settings.split(",");
		TestContexts.withoutRedis()
			.withPropertyValues("spring.data.redis.lettuce.pool." + values[0],
					"spring.data.redis.lettuce.pool." + values[1])
			.run((context) -> {
				FailureAnalysis analysis = new InvalidRedisCachePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'" + property + "'").contains(reason);
				assertThat(analysis.getAction()).startsWith("Set " + property);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			redis-cache.caches.products.tll | redis-cache.caches.products.ttl
			redis-cache.defualts.ttl        | redis-cache.defaults.ttl
			redis-cache.client.comand-timeout | redis-cache.client.command-timeout
			redis-cache.caches.products.ttl-jitter | redis-cache.caches.products.ttl-jitter-percent
			""")
	void aMisspelledKeyStopsStartUpNamingItWhereItWasSetAndTheKeyMeant(String key, String meant) {
		TestContexts.withoutRedis().withPropertyValues(key + "=2").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnknownRedisCachePropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis of %s", context.getStartupFailure()).isNotNull();
			assertThat(analysis.getDescription()).contains("'" + key + "'")
				.contains("property source")
				.contains("did you mean '" + meant + "'?");
			assertThat(analysis.getAction()).contains("redis-cache.unknown-properties=warn");
		});
	}

	@Test
	void anUnknownKeyInAFileIsNamedWithItsFileAndLine() {
		TestContexts.withoutRedis().withInitializer((context) -> {
			try {
				new PropertiesPropertySourceLoader()
					.load("unknown-keys", new ClassPathResource("unknown-keys.properties"))
					.forEach((source) -> context.getEnvironment().getPropertySources().addFirst(source));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).run((context) -> {
			FailureAnalysis analysis = new UnknownRedisCachePropertyFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'redis-cache.caches.products.tll'")
				.contains("unknown-keys.properties")
				.contains("2:")
				.contains("did you mean 'redis-cache.caches.products.ttl'?");
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void inWarnModeUnknownKeysAreLoggedAndTheApplicationStarts(CapturedOutput output) {
		TestContexts.withoutRedis()
			.withPropertyValues("redis-cache.unknown-properties=warn", "redis-cache.caches.products.tll=2h")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Unknown redis-cache properties")
					.contains("did you mean 'redis-cache.caches.products.ttl'?");
			});
	}

	@Test
	void knownKeysOfEveryShapeAndTheEmbeddedRedisKeysAreNotUnknown() {
		TestContexts.withoutRedis()
			.withPropertyValues("redis-cache.caches.products.ttl=2h", "redis-cache.caches.products.near.enabled=true",
					"redis-cache.defaults.lease.wait=1s", "redis-cache.serialization.allowed-packages[0]=com.example",
					"redis-cache.client.cluster.topology-refresh-period=30s", "redis-cache.embedded.enabled=false",
					"redis-cache.unknown-properties=fail")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
