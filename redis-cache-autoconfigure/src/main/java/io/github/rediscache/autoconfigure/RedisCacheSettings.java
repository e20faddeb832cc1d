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

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.rediscache.cache.CacheSpec;
import io.github.rediscache.cache.near.NearCacheSettings;
import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.client.PoolSettings;
import io.github.rediscache.resilience.ResilienceSettings;
import io.github.rediscache.serializer.ValueFormat;
import io.github.rediscache.settings.Require;
import io.github.rediscache.settings.TypeNames;
import io.github.rediscache.stampede.StampedeSettings;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.lang.Nullable;

/**
 * Everything redis-cache takes from the environment, resolved and validated once before
 * any bean is created: {@code redis-cache.*} (a cache's settings are the core's defaults,
 * then the {@code spring.cache.redis.*} values the application set, then
 * {@code redis-cache.defaults.*}, then {@code redis-cache.caches.<name>.*}, field by
 * field; caches named in {@code spring.cache.cache-names} are created at start-up), and
 * the {@code spring.data.redis.*} values that win over redis-cache's (command and connect
 * timeouts, cluster refresh, pool). Spring Boot's own defaults for caches (no TTL,
 * caching nulls) are not applied: only values the application set. A bad value fails with
 * the full property name, the value and the fix.
 *
 * @param properties the bound {@code redis-cache.*} properties
 * @param keyPrefix the prefix of every key: {@code redis-cache.key-prefix}, else
 * {@code spring.cache.redis.key-prefix}
 * @param defaults the settings of caches without settings of their own
 * @param caches the settings of caches by name
 * @param client the effective client settings, Spring Boot's values merged in
 * @param pool the effective pool settings
 * @param resilience the circuit breaker settings
 * @param nearDefaults the near cache of caches without near settings of their own
 * ({@code redis-cache.defaults.near.*}), or {@code null} for none
 * @param nearCaches the near cache of each cache under {@code redis-cache.caches.*},
 * empty for none
 * @author redis-cache authors
 */
record RedisCacheSettings(RedisCacheProperties properties, String keyPrefix, CacheSpec defaults,
		Map<String, CacheSpec> caches, ClientSettings client, PoolSettings pool, ResilienceSettings resilience,
		@Nullable NearCacheSettings nearDefaults, Map<String, Optional<NearCacheSettings>> nearCaches) {

	/** The name of the bean that holds the resolved settings. */
	static final String BEAN_NAME = "redisCacheSettings";

	private static final String POOL = "spring.data.redis.lettuce.pool.";

	private static final String BOOT_CACHE = "spring.cache.redis.";

	/**
	 * Return the command timeout every part of redis-cache uses: Spring Boot's
	 * {@code spring.data.redis.timeout} if set, else {@code redis-cache.client.*}'s.
	 * @return the command timeout
	 */
	Duration commandTimeout() {
		return this.client.commandTimeout();
	}

	/**
	 * Return the packages whose classes cached JSON may name:
	 * {@code redis-cache.serialization.allowed-packages}, then the application's own
	 * packages (those of {@code @SpringBootApplication}).
	 * @param beanFactory the application's bean factory
	 * @return the package names
	 */
	List<String> allowedPackages(BeanFactory beanFactory) {
		List<String> packages = new ArrayList<>(this.properties.getSerialization().getAllowedPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		return packages;
	}

	static RedisCacheSettings resolve(Binder binder, ClassLoader classLoader) {
		RedisCacheProperties properties = binder.bindOrCreate("redis-cache", RedisCacheProperties.class);
		UnknownRedisCacheProperties.check(binder, properties.getUnknownProperties());
		CacheSpec defaults = cacheSpec(bootCacheDefaults(binder), properties.getDefaults(), "redis-cache.defaults.",
				classLoader);
		Map<String, CacheSpec> caches = new LinkedHashMap<>();
		binder.bind("spring.cache.cache-names", Bindable.listOf(String.class))
			.orElse(List.of())
			.forEach((name) -> caches.put(name, defaults));
		properties.getCaches()
			.forEach((name, cache) -> caches.put(name,
					cacheSpec(defaults, cache, "redis-cache.caches." + name + ".", classLoader)));
		String keyPrefix = properties.getKeyPrefix();
		if (keyPrefix == null || keyPrefix.isEmpty()) {
			keyPrefix = binder.bind(BOOT_CACHE + "key-prefix", String.class).orElse("");
		}
		binder.bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class))
			.orElse(List.of())
			.forEach((node) -> InvalidRedisCachePropertyException.namedAs("spring.data.redis.cluster.nodes",
					() -> Require.nodeAddress("nodes", node)));
		RedisCacheProperties.Near baseNear = properties.getDefaults().getNear();
		Map<String, Optional<NearCacheSettings>> nearCaches = new LinkedHashMap<>();
		properties.getCaches()
			.forEach((name, cache) -> nearCaches.put(name,
					Optional.ofNullable(near(cache.getNear(), baseNear, "redis-cache.caches." + name + ".near."))));
		return new RedisCacheSettings(properties, keyPrefix, defaults, caches, client(properties, binder), pool(binder),
				InvalidRedisCachePropertyException.named("redis-cache.resilience.",
						() -> resilience(properties.getResilience())),
				near(baseNear, new RedisCacheProperties.Near(), "redis-cache.defaults.near."), nearCaches);
	}

	/**
	 * The near cache settings of a cache, field by field its own, else the defaults',
	 * else the core's; {@code null} unless enabled.
	 */
	@Nullable
	private static NearCacheSettings near(RedisCacheProperties.Near near, RedisCacheProperties.Near base,
			String prefix) {
		if (!Boolean.TRUE.equals(or(near.getEnabled(), base.getEnabled()))) {
			return null;
		}
		NearCacheSettings core = NearCacheSettings.DEFAULTS;
		return InvalidRedisCachePropertyException.named(prefix,
				() -> new NearCacheSettings(or(near.getMaxSize(), or(base.getMaxSize(), core.maxSize())),
						or(near.getMaxTtl(), or(base.getMaxTtl(), core.maxTtl())),
						or(near.getCheckInterval(), or(base.getCheckInterval(), core.checkInterval())),
						or(near.getImmutableValues(), or(base.getImmutableValues(), core.immutableValues()))));
	}

	/**
	 * The core's defaults with the {@code spring.cache.redis.*} values the application
	 * set: a migrated application keeps its TTL and null handling. A TTL of zero (no
	 * expiry in Spring Boot) and unprefixed keys are refused: every key has a TTL here,
	 * and a clear needs the cache name in the key.
	 */
	private static CacheSpec bootCacheDefaults(Binder binder) {
		CacheSpec spec = CacheSpec.DEFAULTS;
		Duration ttl = bind(binder, BOOT_CACHE + "time-to-live", Duration.class);
		if (ttl != null) {
			spec = InvalidRedisCachePropertyException.namedAs(BOOT_CACHE + "time-to-live",
					() -> CacheSpec.DEFAULTS.withTtl(Require.positive("value", ttl)));
		}
		Boolean cacheNullValues = bind(binder, BOOT_CACHE + "cache-null-values", Boolean.class);
		if (cacheNullValues != null) {
			spec = spec.withCacheNullValues(cacheNullValues);
		}
		if (Boolean.FALSE.equals(bind(binder, BOOT_CACHE + "use-key-prefix", Boolean.class))) {
			throw new InvalidRedisCachePropertyException(BOOT_CACHE + "use-key-prefix", false,
					"redis-cache keeps the cache name in every key, so that a clear finds a cache's keys and no two "
							+ "caches share one",
					"Remove the property; keys become '<key-prefix><cache>::<key>' (see docs/getting-started.md, "
							+ "'From plain Spring Boot caching').");
		}
		return spec;
	}

	/**
	 * The spec of a cache: each property it sets, else the base's value.
	 */
	private static CacheSpec cacheSpec(CacheSpec base, RedisCacheProperties.Cache cache, String prefix,
			ClassLoader classLoader) {
		Type valueType = (cache.getValueType() != null) ? InvalidRedisCachePropertyException.named(prefix,
				() -> TypeNames.parse("value-type", cache.getValueType(), classLoader)) : base.valueType();
		RedisCacheProperties.Lease lease = cache.getLease();
		RedisCacheProperties.EarlyRefresh early = cache.getEarlyRefresh();
		StampedeSettings stampede = base.stampede();
		return InvalidRedisCachePropertyException.named(prefix,
				() -> new CacheSpec(or(cache.getTtl(), base.ttl()),
						or(cache.getTtlJitterPercent(), base.ttlJitterPercent()),
						or(cache.getCacheNullValues(), base.cacheNullValues()),
						or(cache.getNullValueTtl(), base.nullValueTtl()), or(cache.getKeyVersion(), base.keyVersion()),
						valueType,
						new StampedeSettings(or(lease.getEnabled(), stampede.leaseEnabled()),
								or(lease.getTime(), stampede.leaseTime()), or(lease.getWait(), stampede.leaseWait()),
								or(early.getEnabled(), stampede.earlyRefresh()),
								or(early.getBeta(), stampede.earlyRefreshBeta())),
						new ValueFormat(or(cache.getEncoding(), base.format().encoding()),
								or(cache.getCompressAbove(), base.format().compressAbove()))));
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static ClientSettings client(RedisCacheProperties properties, Binder binder) {
		RedisCacheProperties.Client client = properties.getClient();
		RedisCacheProperties.Cluster cluster = client.getCluster();
		RedisCacheProperties.KeepAlive keepAlive = client.getKeepAlive();
		ClientSettings ours = InvalidRedisCachePropertyException.named("redis-cache.client.",
				() -> new ClientSettings(client.getCommandTimeout(), client.getConnectTimeout(),
						client.getDisconnectedBehavior(), client.getRequestQueueSize(), client.getReconnectMinDelay(),
						client.getReconnectMaxDelay(), client.getTcpUserTimeout(),
						new ClientSettings.KeepAlive(keepAlive.isEnabled(), keepAlive.getIdle(),
								keepAlive.getInterval(), keepAlive.getCount()),
						new ClientSettings.Cluster(cluster.getTopologyRefreshPeriod(), cluster.isAdaptiveRefresh(),
								cluster.getAdaptiveRefreshTimeout(), cluster.getRefreshTriggersReconnectAttempts(),
								cluster.isDynamicRefreshSources(), cluster.isCloseStaleConnections(),
								cluster.isValidateNodeMembership(), cluster.isExcludeFailedNodes())));
		String redis = "spring.data.redis.";
		String refresh = redis + "lettuce.cluster.refresh.";
		return ours.withApplicationValues(bootDuration(binder, redis + "timeout", false),
				bootDuration(binder, redis + "connect-timeout", false), bootDuration(binder, refresh + "period", true),
				Boolean.TRUE.equals(bind(binder, refresh + "adaptive", Boolean.class)),
				!Boolean.FALSE.equals(bind(binder, refresh + "dynamic-refresh-sources", Boolean.class)));
	}

	private static ResilienceSettings resilience(RedisCacheProperties.Resilience resilience) {
		return new ResilienceSettings(resilience.getFailureRateThreshold(), resilience.getSlowCallRateThreshold(),
				resilience.getSlowCallDurationThreshold(), resilience.getSlidingWindow(),
				resilience.getMinimumNumberOfCalls(), resilience.getWaitInOpenState(),
				resilience.getPermittedCallsInHalfOpenState(), resilience.getConsecutiveFailuresToOpen(),
				resilience.getMaxPendingEvictionsPerCache());
	}

	private static PoolSettings pool(Binder binder) {
		return InvalidRedisCachePropertyException.named("",
				() -> PoolSettings.withProductionDefaults(POOL, bind(binder, POOL + "max-active", Integer.class),
						bind(binder, POOL + "max-idle", Integer.class), bind(binder, POOL + "min-idle", Integer.class),
						bind(binder, POOL + "max-wait", Duration.class),
						bind(binder, POOL + "time-between-eviction-runs", Duration.class)));
	}

	private static Duration bootDuration(Binder binder, String property, boolean zeroAllowed) {
		Duration value = bind(binder, property, Duration.class);
		return (value == null) ? null : InvalidRedisCachePropertyException.namedAs(property,
				() -> zeroAllowed ? Require.notNegative("value", value) : Require.positive("value", value));
	}

	private static <T> T bind(Binder binder, String name, Class<T> type) {
		return binder.bind(name, Bindable.of(type)).orElse(null);
	}

}
