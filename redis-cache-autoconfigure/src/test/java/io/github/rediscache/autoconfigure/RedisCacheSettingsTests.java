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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.cache.near.NearCacheSettings;
import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.client.PoolSettings;
import io.github.rediscache.resilience.ResilienceSettings;
import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.serializer.ValueFormat;
import io.github.rediscache.stampede.StampedeSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties resolved into the core's settings, once, field by field.
 */
class RedisCacheSettingsTests {

	@Test
	void aNearCacheIsPerCacheWithFieldsInheritedFromTheDefaultsAndCanBeTurnedOffForOneCache() {
		RedisCacheSettings settings = resolve(Map.of("redis-cache.defaults.near.enabled", "true",
				"redis-cache.defaults.near.max-size", "500", "redis-cache.caches.products.near.max-ttl", "30s",
				"redis-cache.caches.sessions.near.enabled", "false"));
		assertThat(settings.nearDefaults())
			.isEqualTo(new NearCacheSettings(500, NearCacheSettings.DEFAULTS.maxTtl(), Duration.ofSeconds(1), false));
		assertThat(settings.nearCaches().get("products"))
			.contains(new NearCacheSettings(500, Duration.ofSeconds(30), Duration.ofSeconds(1), false));
		assertThat(settings.nearCaches().get("sessions")).isEmpty();
		assertThat(resolve(Map.of()).nearDefaults()).as("off unless asked for").isNull();
	}

	@Test
	void aBadNearCacheValueIsNamedWithItsProperty() {
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("redis-cache.caches.products.near.enabled", "true",
					"redis-cache.caches.products.near.max-size", "0")))
			.withMessageContaining("redis-cache.caches.products.near.max-size");
	}

	@Test
	void withoutPropertiesEveryValueIsTheCoresDefault() {
		RedisCacheSettings settings = resolve(Map.of());
		assertThat(settings.defaults()).isEqualTo(CacheSpec.DEFAULTS);
		assertThat(settings.caches()).isEmpty();
		assertThat(settings.client()).isEqualTo(ClientSettings.DEFAULTS);
		assertThat(settings.resilience()).isEqualTo(ResilienceSettings.DEFAULTS);
		assertThat(settings.pool())
			.isEqualTo(new PoolSettings(2, 8, 16, Duration.ofMillis(200), Duration.ofSeconds(30)));
	}

	@Test
	void aCacheTakesEachFieldItSetsAndInheritsTheRestFromTheDefaults() {
		RedisCacheSettings settings = resolve(
				Map.of("redis-cache.defaults.ttl", "10m", "redis-cache.defaults.key-version", "1",
						"redis-cache.defaults.lease.wait", "1s", "redis-cache.caches.products.ttl", "2h",
						"redis-cache.caches.products.lease.time", "20s", "redis-cache.caches.products.value-type",
						Product.class.getName(), "redis-cache.caches.orders.ttl-jitter-percent", "0"));
		CacheSpec defaults = CacheSpec.DEFAULTS.withTtl(Duration.ofMinutes(10))
			.withKeyVersion("1")
			.withStampede(StampedeSettings.DEFAULTS.withLeaseWait(Duration.ofSeconds(1)));
		assertThat(settings.defaults()).isEqualTo(defaults);
		assertThat(settings.caches().get("products")).isEqualTo(defaults.withTtl(Duration.ofHours(2))
			.withValueType(Product.class)
			.withStampede(defaults.stampede().withLeaseTime(Duration.ofSeconds(20))));
		assertThat(settings.caches().get("orders")).isEqualTo(defaults.withTtlJitterPercent(0));
	}

	@Test
	void theEncodingAndCompressionThresholdAreInheritedFieldByField() {
		RedisCacheSettings settings = resolve(Map.of("redis-cache.defaults.encoding", "smile",
				"redis-cache.caches.products.compress-above", "1KB", "redis-cache.caches.orders.encoding", "CBOR"));
		assertThat(settings.defaults().format()).isEqualTo(new ValueFormat(CacheEncoding.SMILE, null));
		assertThat(settings.caches().get("products").format())
			.isEqualTo(new ValueFormat(CacheEncoding.SMILE, DataSize.ofKilobytes(1)));
		assertThat(settings.caches().get("orders").format()).isEqualTo(new ValueFormat(CacheEncoding.CBOR, null));
	}

	@Test
	void anUnknownEncodingIsNamedWithItsProperty() {
		assertThatException().isThrownBy(() -> resolve(Map.of("redis-cache.caches.products.encoding", "xml")))
			.withMessageContaining("redis-cache.caches.products.encoding");
		assertThatException().isThrownBy(() -> resolve(Map.of("redis-cache.defaults.compress-above", "-1KB")))
			.withMessageContaining("redis-cache.defaults.compress-above")
			.withMessageContaining("-1024B");
	}

	@Test
	void bootsCachePropertiesAreTheBaseLayerUnderRedisCachesOwn() {
		RedisCacheSettings settings = resolve(Map.of("spring.cache.redis.time-to-live", "10m",
				"spring.cache.redis.cache-null-values", "true", "spring.cache.redis.key-prefix", "shop:",
				"spring.cache.cache-names", "products,orders,prices", "redis-cache.defaults.ttl-jitter-percent", "0",
				"redis-cache.caches.orders.ttl", "1h", "redis-cache.caches.prices.cache-null-values", "false"));
		CacheSpec boot = CacheSpec.DEFAULTS.withTtl(Duration.ofMinutes(10)).withCacheNullValues(true);
		assertThat(settings.defaults()).as("Boot's values, then redis-cache.defaults")
			.isEqualTo(boot.withTtlJitterPercent(0));
		assertThat(settings.caches()).containsOnlyKeys("products", "orders", "prices");
		assertThat(settings.caches().get("products")).isEqualTo(settings.defaults());
		assertThat(settings.caches().get("orders")).isEqualTo(settings.defaults().withTtl(Duration.ofHours(1)));
		assertThat(settings.caches().get("prices")).isEqualTo(settings.defaults().withCacheNullValues(false));
		assertThat(settings.keyPrefix()).isEqualTo("shop:");
		assertThat(
				resolve(Map.of("spring.cache.redis.key-prefix", "shop:", "redis-cache.key-prefix", "app:")).keyPrefix())
			.isEqualTo("app:");
	}

	@Test
	void bootsOwnCacheDefaultsDoNotReplaceTheSaferOnes() {
		RedisCacheSettings settings = resolve(Map.of("spring.cache.redis.enable-statistics", "false"));
		assertThat(settings.defaults()).as("no eternal keys, no cached nulls").isEqualTo(CacheSpec.DEFAULTS);
	}

	@Test
	void anEternalBootTtlOrUnprefixedKeysAreRefusedByProperty() {
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("spring.cache.redis.time-to-live", "0")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("spring.cache.redis.time-to-live"))
			.withMessageContaining("'0s'");
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("spring.cache.redis.use-key-prefix", "false")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("spring.cache.redis.use-key-prefix"))
			.withMessageContaining("'false'");
	}

	@Test
	void aDurationWithoutAUnitIsMillisecondsAsInSpringBootsOwnProperties() {
		RedisCacheSettings settings = resolve(Map.of("redis-cache.defaults.ttl", "90000",
				"redis-cache.client.command-timeout", "250", "spring.cache.redis.time-to-live", "60000"));
		assertThat(settings.defaults().ttl()).isEqualTo(Duration.ofSeconds(90));
		assertThat(settings.client().commandTimeout()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void springBootsOwnClientValuesWin() {
		RedisCacheSettings settings = resolve(
				Map.of("redis-cache.client.command-timeout", "300ms", "spring.data.redis.timeout", "2s",
						"spring.data.redis.connect-timeout", "3s", "spring.data.redis.lettuce.cluster.refresh.period",
						"15s", "spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources", "false"));
		assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.client().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.client().cluster().topologyRefreshPeriod()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.client().cluster().dynamicRefreshSources()).isFalse();
		assertThat(settings.client().cluster().adaptiveRefresh()).isTrue();
	}

	@Test
	void anInvalidValueIsNamedByItsOwnPropertyNotByAnInheritingCache() {
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class).isThrownBy(
				() -> resolve(Map.of("redis-cache.defaults.lease.time", "0s", "redis-cache.caches.products.ttl", "1h")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("redis-cache.defaults.lease.time"));
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("redis-cache.caches.products.early-refresh.beta", "-1")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("redis-cache.caches.products.early-refresh.beta"))
			.withMessageContaining("'-1.0'")
			.withMessageContaining("must be a positive number");
	}

	@Test
	void invalidBootAndResilienceValuesAreNamedByTheirProperties() {
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("spring.data.redis.timeout", "0s")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("spring.data.redis.timeout"));
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("redis-cache.resilience.minimum-number-of-calls", "0")))
			.satisfies(
					(ex) -> assertThat(ex.getProperty()).isEqualTo("redis-cache.resilience.minimum-number-of-calls"));
		assertThatExceptionOfType(InvalidRedisCachePropertyException.class)
			.isThrownBy(() -> resolve(Map.of("redis-cache.client.reconnect-min-delay", "20s")))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("redis-cache.client.reconnect-max-delay"))
			.withMessageContaining("'10s'");
	}

	@Test
	void theSettingsAreResolvedOnceAndSharedAsOneBean() {
		TestContexts.withoutRedis().withPropertyValues("redis-cache.caches.products.ttl=2h").run((context) -> {
			assertThat(context).hasSingleBean(RedisCacheSettings.class);
			assertThat(context.getBean(RedisCacheSettings.BEAN_NAME, RedisCacheSettings.class).caches())
				.containsKey("products");
		});
	}

	static RedisCacheSettings resolve(Map<String, String> properties) {
		Map<String, String> source = new LinkedHashMap<>(properties);
		return RedisCacheSettings.resolve(new Binder(new MapConfigurationPropertySource(source)),
				RedisCacheSettingsTests.class.getClassLoader());
	}

}
