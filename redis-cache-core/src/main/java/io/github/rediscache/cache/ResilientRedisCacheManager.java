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
package io.github.rediscache.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import io.github.rediscache.cache.near.NearCacheSettings;
import io.github.rediscache.cache.near.NearCaches;
import io.github.rediscache.cache.writer.GuardedCacheWriter;
import io.github.rediscache.cache.writer.PendingInvalidations;
import io.github.rediscache.health.CacheHealth;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.ResilienceSettings;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;
import io.github.rediscache.serializer.Jackson3CacheValueSerialization;
import io.github.rediscache.settings.InvalidSettingException;
import io.github.rediscache.settings.Require;
import io.github.rediscache.stampede.AsyncLoadCoordinator;
import io.github.rediscache.stampede.LeaseReleases;
import io.github.rediscache.stampede.LoadCoordinator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cache.Cache;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.util.ByteUtils;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A {@link RedisCacheManager} whose caches are {@link ResilientRedisCache}s: JSON values
 * with a TTL on every key, one load per key across threads and instances, early refresh,
 * and every Redis call guarded so that Redis trouble is a miss or a skipped write, never
 * an exception at the caller. Build one with {@link #newBuilder(RedisConnectionFactory)};
 * Spring Boot's auto-configuration does, from {@code redis-cache.*}.
 *
 * @author redis-cache authors
 */
public class ResilientRedisCacheManager extends RedisCacheManager implements SmartLifecycle, DisposableBean {

	/** The entry size above which a write is warned about, unless set otherwise. */
	public static final long DEFAULT_LARGE_VALUE_BYTES = 100 * 1024;

	private final CacheSpec defaultSpec;

	private final Map<String, CacheSpec> specs;

	private final CacheCollaborators collaborators;

	private final PendingInvalidations pendingInvalidations;

	private final CacheHealth health;

	private final LeaseReleases leaseReleases;

	@Nullable
	private final ScheduledExecutorService ownedExecutor;

	@Nullable
	private final CacheValueSerialization declaredTypes;

	private final Map<String, Map<Type, ResilientRedisCache>> typedViews = new ConcurrentHashMap<>();

	private final int phase;

	private volatile boolean running;

	private final Set<Cache> createdAtRuntime = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private ResilientRedisCacheManager(Builder builder, GuardedCacheWriter writer, RedisCacheManager configured,
			RedisCacheConfiguration defaults, Map<String, RedisCacheConfiguration> initialCaches,
			PendingInvalidations pendingInvalidations, @Nullable ScheduledExecutorService ownedExecutor,
			@Nullable CacheValueSerialization declaredTypes, RedisGuard callerGuard, NearCaches nearCaches) {
		super(writer, defaults, configured.isAllowRuntimeCacheCreation(), initialCaches);
		setTransactionAware(configured.isTransactionAware());
		this.defaultSpec = builder.defaults;
		this.specs = Map.copyOf(builder.caches);
		this.leaseReleases = new LeaseReleases(builder.connectionFactory,
				(ownedExecutor != null) ? ownedExecutor : builder.backgroundExecutor, builder.clock);
		this.collaborators = new CacheCollaborators(writer,
				new LoadCoordinator(builder.connectionFactory, callerGuard, builder.clock, builder.random,
						this.leaseReleases),
				new AsyncLoadCoordinator(builder.connectionFactory, callerGuard, builder.clock, builder.random,
						this.leaseReleases),
				builder.clock, builder.listener, builder.largeValueBytes, nearCaches, builder.observations);
		this.pendingInvalidations = pendingInvalidations;
		this.health = new CacheHealth(builder.connectionFactory, builder.guard, pendingInvalidations);
		this.ownedExecutor = ownedExecutor;
		this.declaredTypes = declaredTypes;
		this.phase = (builder.connectionFactory instanceof SmartLifecycle factory)
				? (int) Math.min((long) factory.getPhase() + 1, Integer.MAX_VALUE) : SmartLifecycle.DEFAULT_PHASE;
	}

	/**
	 * Start building a manager whose caches use the given connection factory.
	 * @param connectionFactory the factory of connections to Redis
	 * @return a builder with the defaults of every setting
	 */
	public static Builder newBuilder(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "connectionFactory must not be null");
		return new Builder(connectionFactory);
	}

	/**
	 * Return the health of this manager's Redis.
	 * @return the health
	 */
	public CacheHealth health() {
		return this.health;
	}

	/**
	 * Return the evictions and clears that could not reach Redis and wait for replay.
	 * @return the pending invalidations
	 */
	public PendingInvalidations pendingInvalidations() {
		return this.pendingInvalidations;
	}

	/**
	 * Return the named cache as seen by callers whose values have the given declared
	 * type, such as the generic return type of a {@code @Cacheable} method: values are
	 * written and read as that type, so {@code Map<Long, ProductDto>} keeps its
	 * {@code Long} keys and an {@code EnumMap} its enum keys, and class names are written
	 * only where the type does not say what a value is. The view shares the cache's keys,
	 * settings, statistics and meters. The cache itself is returned when the type is
	 * {@code Object}, the cache has a {@link CacheSpec#valueType() value type} of its
	 * own, a serializer or cache configuration replaced the built-in one, or the manager
	 * is transaction-aware.
	 * @param name the cache name
	 * @param valueType the declared type of the caller's values
	 * @return the cache, or {@code null} if there is no such cache
	 */
	@Nullable
	public Cache getCache(String name, Type valueType) {
		Cache cache = getCache(name);
		if (!(cache instanceof ResilientRedisCache resilient) || this.declaredTypes == null || valueType == Object.class
				|| resilient.spec().valueType() != null) {
			return cache;
		}
		return this.typedViews.computeIfAbsent(name, (cacheName) -> new ConcurrentHashMap<>())
			.computeIfAbsent(valueType,
					(type) -> new ResilientRedisCache(name, getCacheWriter(),
							resilient.getCacheConfiguration()
								.serializeValuesWith(SerializationPair
									.fromSerializer(this.declaredTypes.forType(valueType, resilient.spec().format()))),
							resilient.spec(), this.collaborators));
	}

	@Override
	protected RedisCache createRedisCache(String name, @Nullable RedisCacheConfiguration configuration) {
		return new ResilientRedisCache(name, getCacheWriter(),
				(configuration != null) ? configuration : getDefaultCacheConfiguration(),
				this.specs.getOrDefault(name, this.defaultSpec), this.collaborators);
	}

	@Override
	@Nullable
	protected RedisCache getMissingCache(String name) {
		RedisCache cache = super.getMissingCache(name);
		if (cache != null) {
			this.createdAtRuntime.add(cache);
		}
		return cache;
	}

	/**
	 * Tell the listener about a cache created at run time once it is the one the manager
	 * keeps: concurrent first uses of a name may each create a cache, and only one of
	 * them is decorated and kept.
	 */
	@Override
	protected Cache decorateCache(Cache cache) {
		Cache decorated = super.decorateCache(cache);
		if (this.createdAtRuntime.remove(cache)) {
			this.collaborators.listener().cacheCreated(decorated);
		}
		return decorated;
	}

	/**
	 * Let the near caches fill through tracked connections (again, after a stop).
	 */
	@Override
	public void start() {
		this.collaborators.near().start();
		this.running = true;
	}

	/**
	 * Close the near caches' tracked connections and drop their entries; until started
	 * again, reads go to Redis.
	 */
	@Override
	public void stop() {
		this.collaborators.near().stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Return the phase just after the connection factory's (Spring Data Redis's factories
	 * are {@link SmartLifecycle}s): this manager stops first, so that its tracked
	 * connections are closed before the factory shuts the Lettuce client down.
	 */
	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Close the near caches and stop the background replay of pending invalidations, if
	 * this manager runs it.
	 */
	@Override
	public void destroy() {
		this.leaseReleases.close();
		this.collaborators.near().close();
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdownNow();
		}
	}

	/**
	 * Builds a {@link ResilientRedisCacheManager}. Every setting has a default; each
	 * value is validated when it is set.
	 */
	public static final class Builder {

		private final RedisConnectionFactory connectionFactory;

		private String keyPrefix = "";

		private CacheSpec defaults = CacheSpec.DEFAULTS;

		private final Map<String, CacheSpec> caches = new LinkedHashMap<>();

		private final Map<String, NearCacheSettings> nearCaches = new LinkedHashMap<>();

		private final Set<String> withoutNearCache = new LinkedHashSet<>();

		@Nullable
		private NearCacheSettings nearCacheDefaults;

		private boolean allowRuntimeCaches = true;

		@Nullable
		private CacheValueSerialization serialization;

		@Nullable
		private RedisSerializer<?> valueSerializer;

		@Nullable
		private RedisCacheConfiguration cacheConfiguration;

		private final List<Consumer<RedisCacheManager.RedisCacheManagerBuilder>> configurers = new ArrayList<>();

		private RedisGuard guard = RedisGuard.failSafe();

		private Duration commandTimeout = Duration.ofMillis(500);

		private int maxPendingEvictionsPerCache = ResilienceSettings.DEFAULTS.maxPendingEvictionsPerCache();

		private CacheEventListener listener = CacheEventListener.NONE;

		private CacheObservations observations = CacheObservations.NONE;

		private long largeValueBytes = DEFAULT_LARGE_VALUE_BYTES;

		private Clock clock = Clock.systemUTC();

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		@Nullable
		private ScheduledExecutorService backgroundExecutor;

		private Builder(RedisConnectionFactory connectionFactory) {
			this.connectionFactory = connectionFactory;
		}

		/**
		 * Put a prefix before every cache name in Redis keys, for applications that share
		 * a Redis.
		 * @param keyPrefix the prefix, such as {@code catalogue:}; empty for none
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			this.keyPrefix = Require.present("key-prefix", keyPrefix);
			return this;
		}

		/**
		 * Set the settings of caches that have none of their own, including caches
		 * created at run time.
		 * @param defaults the settings
		 * @return this builder
		 */
		public Builder defaults(CacheSpec defaults) {
			this.defaults = Require.present("defaults", defaults);
			return this;
		}

		/**
		 * Create a cache up front with its own settings.
		 * @param name the cache name
		 * @param spec the settings
		 * @return this builder
		 */
		public Builder cache(String name, CacheSpec spec) {
			Assert.hasText(name, "name must not be empty");
			this.caches.put(name, Require.present("caches." + name, spec));
			return this;
		}

		/**
		 * Set whether caches that were not created up front may be created when first
		 * asked for, with the defaults.
		 * @param allowRuntimeCaches whether runtime caches are allowed
		 * @return this builder
		 */
		public Builder allowRuntimeCaches(boolean allowRuntimeCaches) {
			this.allowRuntimeCaches = allowRuntimeCaches;
			return this;
		}

		/**
		 * Set how values become bytes. By default Jackson 2 with only the JDK's value
		 * types on the allow-list.
		 * @param serialization the serialization
		 * @return this builder
		 */
		public Builder serialization(CacheValueSerialization serialization) {
			this.serialization = Require.present("serialization", serialization);
			return this;
		}

		/**
		 * Replace the serializer of caches without a value type.
		 * @param valueSerializer the serializer
		 * @return this builder
		 */
		public Builder valueSerializer(RedisSerializer<?> valueSerializer) {
			this.valueSerializer = Require.present("value-serializer", valueSerializer);
			return this;
		}

		/**
		 * Give every cache this Spring Data Redis configuration instead of the one made
		 * from its {@link CacheSpec} (TTL, key layout, serializer and nulls then come
		 * from it; stampede protection still comes from the spec).
		 * @param cacheConfiguration the configuration
		 * @return this builder
		 */
		public Builder cacheConfiguration(RedisCacheConfiguration cacheConfiguration) {
			this.cacheConfiguration = Require.present("cache-configuration", cacheConfiguration);
			return this;
		}

		/**
		 * Apply a customization of Spring Data Redis's builder once the caches are
		 * configured: it may change cache configurations, transaction awareness and
		 * runtime creation. A writer it sets is not used.
		 * @param configurer the customization
		 * @return this builder
		 */
		public Builder configure(Consumer<RedisCacheManager.RedisCacheManagerBuilder> configurer) {
			this.configurers.add(Require.present("configurer", configurer));
			return this;
		}

		/**
		 * Guard every Redis call of the caches, for example with circuit breakers. By
		 * default failures fall back without a breaker. Either way a caller that waited a
		 * command timeout does not wait again for one more (see
		 * {@link RedisGuard#oneTimeoutPerCaller(RedisGuard, Duration)}).
		 * @param guard the guard
		 * @return this builder
		 */
		public Builder guard(RedisGuard guard) {
			this.guard = Require.present("guard", guard);
			return this;
		}

		/**
		 * Set the client's command timeout: how long one round trip of a clear
		 * ({@code SCAN} or {@code UNLINK}) may take, and for how long a caller whose call
		 * timed out skips Redis.
		 * @param commandTimeout a positive duration
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			this.commandTimeout = Require.positive("command-timeout", commandTimeout);
			return this;
		}

		/**
		 * Set how many evictions a cache remembers for replay during an outage before it
		 * turns them into a clear of the cache.
		 * @param maxPendingEvictionsPerCache at least 1
		 * @return this builder
		 */
		public Builder maxPendingEvictionsPerCache(int maxPendingEvictionsPerCache) {
			this.maxPendingEvictionsPerCache = Require.atLeast("max-pending-evictions-per-cache",
					maxPendingEvictionsPerCache, 1, "Set a bound such as 10000.");
			return this;
		}

		/**
		 * Set the entry size above which a write is warned about, once per cache: large
		 * values slow every read of them and fill memory fast. The entry is still
		 * written.
		 * @param bytes the size in bytes; 100 KB by default
		 * @return this builder
		 */
		public Builder largeValueWarning(long bytes) {
			this.largeValueBytes = Require.atLeast("large-value-warning", (int) Math.min(bytes, Integer.MAX_VALUE), 1,
					"Set a size such as 100KB.");
			return this;
		}

		/**
		 * Tell a listener about events callers never see (loads, leases, refreshes,
		 * fallbacks, unreadable entries, caches created at run time).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(CacheEventListener listener) {
			this.listener = Require.present("listener", listener);
			return this;
		}

		/**
		 * Give a cache a near cache: its hot entries kept in-process and dropped when
		 * Redis says they changed. Needs Lettuce and Redis 6 or later.
		 * @param name the cache name
		 * @param settings the near cache's settings, or {@code null} for none even where
		 * {@link #nearCacheDefaults} gives every cache one
		 * @return this builder
		 */
		public Builder nearCache(String name, @Nullable NearCacheSettings settings) {
			Require.present("name", name);
			if (settings != null) {
				this.nearCaches.put(name, settings);
				this.withoutNearCache.remove(name);
			}
			else {
				this.nearCaches.remove(name);
				this.withoutNearCache.add(name);
			}
			return this;
		}

		/**
		 * Give every cache without near cache settings of its own a near cache.
		 * @param settings the near cache's settings, or {@code null} for none
		 * @return this builder
		 */
		public Builder nearCacheDefaults(@Nullable NearCacheSettings settings) {
			this.nearCacheDefaults = settings;
			return this;
		}

		/**
		 * Set the clock that load times, expiries and lease waits are read from.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Require.present("clock", clock);
			return this;
		}

		/**
		 * Set the source of uniform numbers in [0, 1) for TTL jitter, backoff jitter and
		 * early-refresh draws.
		 * @param random the source
		 * @return this builder
		 */
		public Builder random(DoubleSupplier random) {
			this.random = Require.present("random", random);
			return this;
		}

		/**
		 * Record loads, waits for another caller's load and fallbacks as Micrometer
		 * observations ({@link CacheObservations}); by default none are recorded.
		 * @param registry the registry, such as Spring Boot's
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observations = new CacheObservations(Require.present("observation-registry", registry));
			return this;
		}

		/**
		 * Run background work (the replay of invalidations after an outage) on the given
		 * executor, which the caller shuts down. By default the manager runs one thread
		 * of its own, stopped by {@link ResilientRedisCacheManager#destroy()}.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder backgroundExecutor(ScheduledExecutorService executor) {
			this.backgroundExecutor = Require.present("background-executor", executor);
			return this;
		}

		/**
		 * The serialization of a manager built without one: Jackson 2 where it is present
		 * with its modules (Spring Boot 3), else Jackson 3 (Spring Boot 4). Both write
		 * the same JSON.
		 */
		private static CacheValueSerialization defaultSerialization() {
			ClassLoader classLoader = ResilientRedisCacheManager.class.getClassLoader();
			boolean jackson2 = ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", classLoader)
					&& ClassUtils.isPresent("com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", classLoader)
					&& ClassUtils.isPresent("com.fasterxml.jackson.datatype.jdk8.Jdk8Module", classLoader) && ClassUtils
						.isPresent("com.fasterxml.jackson.module.paramnames.ParameterNamesModule", classLoader);
			return jackson2 ? Jackson2CacheValueSerialization.forPackages(List.of())
					: Jackson3CacheValueSerialization.forPackages(List.of());
		}

		/**
		 * Build the manager.
		 * @return the manager
		 */
		public ResilientRedisCacheManager build() {
			CacheValueSerialization values = (this.serialization != null) ? this.serialization : defaultSerialization();
			RedisCacheConfigurationFactory factory = new RedisCacheConfigurationFactory(this.keyPrefix,
					this.valueSerializer, values::forType, this.random);
			RedisCacheManager.RedisCacheManagerBuilder spring = RedisCacheManager.builder(this.connectionFactory)
				.cacheDefaults(configuration(factory, this.defaults))
				.allowCreateOnMissingCache(this.allowRuntimeCaches);
			this.caches.forEach((name, spec) -> spring.withCacheConfiguration(name, configuration(factory, spec)));
			this.configurers.forEach((configurer) -> configurer.accept(spring));
			RedisCacheConfiguration defaultConfiguration = spring.cacheDefaults();
			Map<String, RedisCacheConfiguration> initial = new LinkedHashMap<>();
			spring.getConfiguredCaches()
				.forEach((name) -> initial.put(name, spring.getCacheConfigurationFor(name).orElseThrow()));
			ScheduledExecutorService owned = (this.backgroundExecutor != null) ? null : newBackgroundExecutor();
			PendingInvalidations pending = new PendingInvalidations(this.maxPendingEvictionsPerCache);
			RedisGuard callerGuard = RedisGuard.oneTimeoutPerCaller(this.guard, this.commandTimeout);
			GuardedCacheWriter writer = GuardedCacheWriter.create(this.connectionFactory, this.commandTimeout,
					callerGuard, pending,
					(name) -> clearPattern(name, initial.getOrDefault(name, defaultConfiguration)),
					this.observations.recording(this.listener::fallback),
					(owned != null) ? owned : this.backgroundExecutor);
			boolean builtInSerializer = this.valueSerializer == null && this.cacheConfiguration == null;
			return new ResilientRedisCacheManager(this, writer, spring.build(), defaultConfiguration, initial, pending,
					owned, builtInSerializer ? values : null, callerGuard,
					nearCaches((owned != null) ? owned : this.backgroundExecutor));
		}

		private NearCaches nearCaches(ScheduledExecutorService executor) {
			if (this.nearCaches.isEmpty() && this.nearCacheDefaults == null) {
				return NearCaches.NONE;
			}
			if (!(this.connectionFactory instanceof LettuceConnectionFactory lettuce)) {
				throw new InvalidSettingException("near", this.nearCaches.keySet(),
						"a near cache needs Lettuce's client-side caching, and the connection factory is "
								+ this.connectionFactory.getClass().getName(),
						"Use Spring Boot's Lettuce connection factory (the default) or remove the near cache settings.");
			}
			return new NearCaches(this.nearCaches, this.withoutNearCache, this.nearCacheDefaults,
					lettuce::getRequiredNativeClient, Builder::expiresAt, this.clock, this.commandTimeout,
					this.listener, executor);
		}

		private static long expiresAt(byte[] entry) {
			try {
				return StoredEntry.decode(entry).expiresAtMillis();
			}
			catch (RuntimeException ex) {
				return -1;
			}
		}

		private RedisCacheConfiguration configuration(RedisCacheConfigurationFactory factory, CacheSpec spec) {
			return (this.cacheConfiguration != null) ? this.cacheConfiguration : factory.create(spec);
		}

		private static byte[] clearPattern(String name, RedisCacheConfiguration configuration) {
			String prefix = configuration.usePrefix() ? configuration.getKeyPrefixFor(name) : "";
			return ByteUtils.getBytes(configuration.getKeySerializationPair().write(prefix + "*"));
		}

		private static ScheduledExecutorService newBackgroundExecutor() {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-background-");
			threads.setDaemon(true);
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads);
			executor.setKeepAliveTime(10, TimeUnit.SECONDS);
			executor.allowCoreThreadTimeOut(true);
			executor.setRemoveOnCancelPolicy(true);
			return executor;
		}

	}

}
