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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.rediscache.cache.near.CachedValue;
import io.github.rediscache.cache.near.NearCache;
import io.github.rediscache.cache.writer.GuardedCacheWriter;
import io.github.rediscache.observation.CacheObservations;
import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.stampede.AsyncLoadCoordinator;
import io.github.rediscache.stampede.LeaseOutcome;
import io.github.rediscache.stampede.MissEvents;
import io.github.rediscache.stampede.StampedeSettings;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cache.support.NullValue;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisCache} that protects its loader and never lets a bad entry or a null
 * reach the caller as an exception.
 *
 * <h2>{@link #get(Object, Callable)}, used by {@code @Cacheable(sync = true)}</h2> If the
 * key is cached, returns its value. Otherwise the value is computed once per key across
 * this JVM's threads and, through a lease in Redis, across instances; see
 * {@link io.github.rediscache.stampede.LoadCoordinator}. Callers for other keys are never
 * blocked. Shortly before an entry expires one reader refreshes it (XFetch) while the
 * others keep getting the current value. If the loader throws, nothing is stored, every
 * caller sharing that load gets a {@link ValueRetrievalException} with the loader's
 * exception as its cause, and the next caller loads again. A null result is returned to
 * every caller and stored only if the cache stores nulls.
 *
 * <h2>{@link #get(Object)}, used by {@code @Cacheable} without {@code sync}</h2> Gets the
 * probabilistic early refresh (a reader that wins the draw sees a miss, and its
 * {@code @Cacheable} method reloads the entry; the put that follows a miss on the same
 * thread stores the time since the miss as the load time) but no single-flight:
 * concurrent misses of one key each run the method.
 *
 * <h2>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)}</h2> Used by
 * {@code @Cacheable} methods returning a {@code CompletableFuture} or a reactive type:
 * the same entries, TTLs, unreadable-entry handling, breaker and early refresh, without
 * blocking a thread; single flight across threads and instances, polled on a timer.
 *
 * <h2>Entries that cannot be read</h2> Corrupt bytes, a class outside the allow-list or a
 * type that changed after a deploy are a miss: the entry is evicted, reported to the
 * {@link CacheEventListener} and logged (once per cache at WARN, then at DEBUG).
 *
 * <h2>Values that cannot be written</h2> A value that cannot be serialized is returned to
 * its caller (from every path: {@code get(key, loader)}, {@code put},
 * {@code putIfAbsent}) and not cached; the key is evicted so that no older value outlives
 * it, and the failure is reported as a {@link FallbackReason#SERIALIZATION} fallback and
 * logged once per type.
 *
 * <h2>Nulls</h2> A stored null is the JSON {@code null}. {@code put(key, null)} on a
 * cache that does not store nulls evicts the key instead of throwing, so no stale value
 * survives.
 *
 * @author redis-cache authors
 */
public class ResilientRedisCache extends RedisCache {

	private static final Log logger = LogFactory.getLog(ResilientRedisCache.class);

	private static final byte[] NULL_PAYLOAD = "null".getBytes(StandardCharsets.US_ASCII);

	private final CacheSpec spec;

	private final CacheCollaborators collaborators;

	@Nullable
	private final NearCache near;

	@Nullable
	private final NearCache.Front front;

	private final MissEvents missEvents;

	private final AtomicBoolean unreadableLogged = new AtomicBoolean();

	private final AtomicBoolean largeValueLogged = new AtomicBoolean();

	private final Set<Class<?>> unwritableLogged = ConcurrentHashMap.newKeySet();

	private final ThreadLocal<Miss> lastMiss = new ThreadLocal<>();

	/**
	 * Create a cache.
	 * @param name the cache name
	 * @param writer the writer that talks to Redis
	 * @param configuration the cache configuration
	 * @param spec the cache's settings (stampede protection is read from it)
	 * @param collaborators what every cache of the manager shares
	 */
	ResilientRedisCache(String name, RedisCacheWriter writer, RedisCacheConfiguration configuration, CacheSpec spec,
			CacheCollaborators collaborators) {
		super(name, writer, configuration);
		this.spec = spec;
		this.collaborators = collaborators;
		this.near = collaborators.near().forCache(name);
		this.front = (this.near != null) ? this.near.front() : null;
		this.missEvents = new MissEvents() {

			@Override
			public void lease(LeaseOutcome outcome) {
				collaborators.listener().lease(name, outcome);
			}

			@Override
			public Observation waiting(String holder) {
				return collaborators.observations().leaseWait(name, holder);
			}

		};
	}

	CacheSpec spec() {
		return this.spec;
	}

	@Override
	@Nullable
	protected Object lookup(Object key) {
		long now = this.collaborators.clock().millis();
		CachedValue cached = frontHit(key, true, now);
		String entryKey = null;
		if (cached == null) {
			entryKey = createCacheKey(key);
			cached = read(key, entryKey, true);
		}
		if (cached != null && shouldRefreshEarly(cached, now)) {
			this.collaborators.listener().earlyRefresh(getName());
			cached = null;
		}
		if (cached == null) {
			this.lastMiss.set(
					new Miss((entryKey != null) ? entryKey : createCacheKey(key), this.collaborators.clock().millis()));
			return null;
		}
		return cached.storeValue();
	}

	/**
	 * Return the cached value, or load it once per key across threads and instances,
	 * store it and return it.
	 * @param key the key
	 * @param valueLoader computes the value on a miss
	 * @return the value, possibly null
	 * @throws ValueRetrievalException if the loader threw, with its exception as the
	 * cause
	 */
	@Override
	@Nullable
	@SuppressWarnings("unchecked")
	public <T> T get(Object key, Callable<T> valueLoader) {
		long now = this.collaborators.clock().millis();
		CachedValue cached = frontHit(key, true, now);
		if (cached == null) {
			cached = read(key, createCacheKey(key), false);
			if (cached != null) {
				this.collaborators.writer().countGet(getName(), true);
			}
		}
		StampedeSettings stampede = this.spec.stampede();
		if (cached != null) {
			if (shouldRefreshEarly(cached, now)) {
				try {
					ValueWrapper refreshed = this.collaborators.coordinator()
						.refreshEarly(createCacheKey(key), stampede,
								() -> loadAndStore(key, valueLoader, CacheObservations.EARLY_REFRESH));
					if (refreshed != null) {
						this.collaborators.listener().earlyRefresh(getName());
						return (T) refreshed.get();
					}
				}
				catch (Exception ex) {
					logger.debug("Early refresh of key '" + key + "' in cache '" + getName()
							+ "' failed; the current value is served", ex);
				}
			}
			return (T) fromStoreValue(cached.storeValue());
		}
		String entryKey = createCacheKey(key);
		AtomicBoolean loadedHere = new AtomicBoolean();
		try {
			T value = this.collaborators.coordinator()
				.load(entryKey, stampede, () -> wrap(read(key, entryKey, false)), () -> {
					loadedHere.set(true);
					return loadAndStore(key, valueLoader, CacheObservations.MISS);
				}, this.missEvents);
			return loadedHere.get() ? value : ownInstance(value);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				// Interrupted while waiting for another instance's load: the caller's
				// thread keeps its interrupt.
				Thread.currentThread().interrupt();
			}
			throw new ValueRetrievalException(key, valueLoader, ex);
		}
		finally {
			// One get per call: a miss if this caller ran the loader, a hit if it was
			// served by another caller's load.
			this.collaborators.writer().countGet(getName(), !loadedHere.get());
		}
	}

	/**
	 * Return the cached value without blocking, with the same entry format, early refresh
	 * and handling of unreadable entries as {@link #get(Object)}. A read that cannot
	 * reach Redis completes as a miss.
	 */
	@Override
	public CompletableFuture<ValueWrapper> retrieve(Object key) {
		if (!getCacheWriter().supportsAsyncRetrieve()) {
			return super.retrieve(key);
		}
		return retrieveCached(key, true).thenApply((cached) -> {
			if (cached == null) {
				return null;
			}
			if (shouldRefreshEarly(cached)) {
				this.collaborators.listener().earlyRefresh(getName());
				return null;
			}
			return toValueWrapper(cached.storeValue());
		});
	}

	/**
	 * Return the cached value, or load it once per key across this JVM's callers and
	 * across instances (a lease in Redis, polled on a timer), store it and return it,
	 * without blocking a thread. Shortly before an entry expires one caller's load
	 * refreshes it in the background while every caller gets the current value. A loader
	 * failure fails the future of every caller sharing that load and is not stored; a
	 * Redis failure is a miss or a skipped write, never a failed future.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		if (!getCacheWriter().supportsAsyncRetrieve()) {
			return super.retrieve(key, valueLoader);
		}
		String entryKey = createCacheKey(key);
		StampedeSettings stampede = this.spec.stampede();
		AsyncLoadCoordinator coordinator = this.collaborators.asyncCoordinator();
		GuardedCacheWriter writer = this.collaborators.writer();
		return retrieveCached(key, false).thenCompose((cached) -> {
			if (cached == null) {
				AtomicBoolean loadedHere = new AtomicBoolean();
				return coordinator
					.load(entryKey, stampede, () -> retrieveCached(key, false).thenApply(this::wrap), () -> {
						loadedHere.set(true);
						return loadAndStoreAsync(key, valueLoader, CacheObservations.MISS);
					}, this.missEvents)
					// One get per call, as in get(key, loader).
					.whenComplete((value, failure) -> writer.countGet(getName(), !loadedHere.get()))
					.thenApply((value) -> loadedHere.get() ? value : ownInstance(value));
			}
			writer.countGet(getName(), true);
			if (shouldRefreshEarly(cached)) {
				coordinator
					.refreshEarly(entryKey, stampede,
							() -> loadAndStoreAsync(key, valueLoader, CacheObservations.EARLY_REFRESH))
					.whenComplete((refreshed, failure) -> {
						if (Boolean.TRUE.equals(refreshed)) {
							this.collaborators.listener().earlyRefresh(getName());
						}
						else if (failure != null) {
							logger.debug("Early refresh of key '" + key + "' in cache '" + getName()
									+ "' failed; the current value stays", failure);
						}
					});
			}
			return CompletableFuture.completedFuture((T) fromStoreValue(cached.storeValue()));
		});
	}

	/**
	 * Store a value. A put that follows a miss of the same key on this thread (as
	 * {@code @Cacheable} without {@code sync} does) stores the time since the miss as the
	 * load time, so that such entries are refreshed early too.
	 */
	@Override
	public void put(Object key, @Nullable Object value) {
		Miss miss = this.lastMiss.get();
		long loadMillis = 0;
		if (miss != null) {
			this.lastMiss.remove();
			if (miss.entryKey().equals(createCacheKey(key))) {
				loadMillis = Math.max(1, this.collaborators.clock().millis() - miss.atMillis());
			}
		}
		write(key, value, loadMillis, false);
	}

	@Override
	@Nullable
	public ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		if (value == null && !isAllowNullValues()) {
			return get(key);
		}
		Duration ttl = ttl(key, value);
		byte[] entry = entryBytes(key, value, 0, ttl);
		if (entry == null) {
			return get(key);
		}
		byte[] existing = getCacheWriter().putIfAbsent(getName(), binaryKey(key), entry, ttl);
		forgetNear(key);
		return (existing != null) ? new SimpleValueWrapper(fromStoreValue(deserializeCacheValue(existing))) : null;
	}

	@Override
	protected Object deserializeCacheValue(byte[] value) {
		return payloadValue(StoredEntry.decode(value).payload());
	}

	/**
	 * Write a stored null as the JSON {@code null}, readable with {@code redis-cli},
	 * rather than Spring Data Redis's JDK-serialized {@code NullValue}.
	 */
	@Override
	protected byte[] serializeCacheValue(Object value) {
		return (value instanceof NullValue) ? NULL_PAYLOAD.clone() : super.serializeCacheValue(value);
	}

	/**
	 * Return a value another caller's load shared with this one: with a near cache of
	 * mutable values every caller gets an instance of its own, decoded from the bytes
	 * that were stored, so that one caller changing it never changes another's. A value
	 * that cannot be written was not stored either, and is shared.
	 */
	@Nullable
	@SuppressWarnings("unchecked")
	private <T> T ownInstance(@Nullable T shared) {
		if (shared == null || this.near == null || this.near.immutableValues()) {
			return shared;
		}
		try {
			return (T) fromStoreValue(payloadValue(serializeCacheValue(toStoreValue(shared))));
		}
		catch (SerializationException ex) {
			return shared;
		}
	}

	private Object payloadValue(byte[] payload) {
		return Arrays.equals(payload, NULL_PAYLOAD) ? NullValue.INSTANCE : super.deserializeCacheValue(payload);
	}

	/**
	 * Run the loader and store its value, observed as one load from the call to the end
	 * of the store; the loader runs in the observation's scope, so that its own spans are
	 * children of the load.
	 */
	private <T> T loadAndStore(Object key, Callable<T> valueLoader, String trigger) throws Exception {
		Observation load = this.collaborators.observations().load(getName(), trigger);
		try (Observation.Scope scope = load.openScope()) {
			long start = this.collaborators.clock().millis();
			T value;
			try {
				value = valueLoader.call();
			}
			catch (Exception ex) {
				load.error(ex);
				this.collaborators.listener()
					.loaded(getName(), Duration.ofMillis(this.collaborators.clock().millis() - start), false);
				throw ex;
			}
			long loadMillis = Math.max(1, this.collaborators.clock().millis() - start);
			this.collaborators.listener().loaded(getName(), Duration.ofMillis(loadMillis), true);
			write(key, value, loadMillis, true);
			return value;
		}
		finally {
			load.stop();
		}
	}

	private <T> CompletableFuture<T> loadAndStoreAsync(Object key, Supplier<CompletableFuture<T>> valueLoader,
			String trigger) {
		Observation load = this.collaborators.observations().load(getName(), trigger);
		long start = this.collaborators.clock().millis();
		CompletableFuture<T> loading;
		try (Observation.Scope scope = load.openScope()) {
			loading = valueLoader.get();
		}
		catch (RuntimeException ex) {
			loading = CompletableFuture.failedFuture(ex);
		}
		return loading.whenComplete((value, failure) -> {
			if (failure != null) {
				this.collaborators.listener()
					.loaded(getName(), Duration.ofMillis(this.collaborators.clock().millis() - start), false);
			}
		}).thenCompose((value) -> {
			long loadMillis = Math.max(1, this.collaborators.clock().millis() - start);
			this.collaborators.listener().loaded(getName(), Duration.ofMillis(loadMillis), true);
			return writeLoadedAsync(key, value, loadMillis).thenApply((stored) -> value);
		}).whenComplete((value, failure) -> {
			if (failure != null) {
				load.error(failure);
			}
			load.stop();
		});
	}

	private CompletableFuture<Void> writeLoadedAsync(Object key, @Nullable Object value, long loadMillis) {
		byte[] binaryKey = binaryKey(key);
		boolean cacheable = value != null || isAllowNullValues();
		Duration ttl = cacheable ? ttl(key, value) : null;
		byte[] entry = cacheable ? entryBytes(key, value, loadMillis, ttl) : null;
		if (entry == null) {
			// Not cacheable: make sure no older value outlives it, without blocking.
			this.collaborators.writer().removeLater(getName(), binaryKey);
			return CompletableFuture.completedFuture(null);
		}
		forgetNear(key);
		return this.collaborators.writer()
			.storeLoaded(getName(), binaryKey, entry, ttl)
			.whenComplete((stored, failure) -> forgetNear(key));
	}

	/**
	 * Write an entry. A write that fills the cache after a load and cannot reach Redis is
	 * forgotten; any other (a {@code @CachePut}, a {@code put}) is remembered like an
	 * eviction, so that the value it replaces is never served after the outage.
	 */
	private void write(Object key, @Nullable Object value, long loadMillis, boolean loaded) {
		if (value == null && !isAllowNullValues()) {
			evict(key);
			return;
		}
		Duration ttl = ttl(key, value);
		byte[] entry = entryBytes(key, value, loadMillis, ttl);
		if (entry == null) {
			evict(key);
			return;
		}
		if (loaded) {
			this.collaborators.writer().putLoaded(getName(), binaryKey(key), entry, ttl);
		}
		else if (NonBlockingThreads.current()) {
			this.collaborators.writer()
				.store(getName(), binaryKey(key), entry, ttl)
				.whenComplete((stored, failure) -> forgetNear(key));
		}
		else {
			getCacheWriter().put(getName(), binaryKey(key), entry, ttl);
		}
		forgetNear(key);
	}

	/**
	 * Evict a key; on a thread that must not block (Spring's reactive caching evicts on
	 * the thread that completed the method's publisher) the eviction runs in the
	 * background and reads of the key miss until it has.
	 */
	@Override
	public void evict(Object key) {
		if (NonBlockingThreads.current()) {
			this.collaborators.writer().removeLater(getName(), binaryKey(key));
		}
		else {
			super.evict(key);
		}
		forgetNear(key);
	}

	/**
	 * Clear the cache; on a thread that must not block, in the background (reads of the
	 * cache miss until it has run).
	 */
	@Override
	public void clear() {
		if (NonBlockingThreads.current()) {
			this.collaborators.writer().clearLater(getName());
		}
		else {
			super.clear();
		}
		forgetNear(null);
	}

	/**
	 * Clear the cache and report whether it held entries; on a thread that must not
	 * block, the clear runs in the background and {@code false} is returned, which
	 * {@link org.springframework.cache.Cache#invalidate()} allows when prior presence
	 * cannot be determined.
	 */
	@Override
	public boolean invalidate() {
		if (NonBlockingThreads.current()) {
			clear();
			return false;
		}
		boolean invalidated = super.invalidate();
		forgetNear(null);
		return invalidated;
	}

	/**
	 * Drop a key (or, for {@code null}, every key) from this cache's near cache after a
	 * write of this instance: its own next read must not wait for Redis's invalidation
	 * message. A fill under way for the key is not installed. A write that does not block
	 * drops the key again once Redis has it, so that a fill that read the old value while
	 * the write was on its way does not serve it to this instance.
	 */
	private void forgetNear(@Nullable Object key) {
		if (this.near == null) {
			return;
		}
		if (key != null) {
			this.near.invalidate(binaryKey(key));
		}
		else {
			this.near.clear();
		}
	}

	/**
	 * Return the bytes of an entry, or {@code null} if the value cannot be serialized:
	 * the caller keeps its value, the write is skipped, and the failure is counted and
	 * logged once per cache and type.
	 */
	@Nullable
	private byte[] entryBytes(Object key, @Nullable Object value, long loadMillis, Duration ttl) {
		long expiresAt = (ttl != null && !ttl.isZero() && !ttl.isNegative())
				? this.collaborators.clock().millis() + ttl.toMillis() : 0;
		try {
			byte[] entry = new StoredEntry(loadMillis, expiresAt, serializeCacheValue(toStoreValue(value))).encode();
			written(key, entry.length);
			return entry;
		}
		catch (SerializationException ex) {
			unwritable(value, ex);
			return null;
		}
	}

	private void written(Object key, int bytes) {
		this.collaborators.listener().valueWritten(getName(), bytes);
		if (bytes > this.collaborators.largeValueBytes() && this.largeValueLogged.compareAndSet(false, true)) {
			logger.warn("An entry of " + bytes + " bytes (key hash " + Integer.toHexString(Objects.hashCode(key))
					+ ") was written to cache '" + getName() + "', above the large-value warning of "
					+ this.collaborators.largeValueBytes() + " bytes: large values slow every read of them and fill "
					+ "memory fast; cache smaller projections (further large entries of this cache are not logged; "
					+ "see the redis.cache.value.size meter)");
		}
	}

	private Duration ttl(Object key, @Nullable Object value) {
		return getCacheConfiguration().getTtlFunction().getTimeToLive(key, value);
	}

	private byte[] binaryKey(Object key) {
		return serializeCacheKey(createCacheKey(key));
	}

	/**
	 * Read an entry; uncounted for callers that count their own get.
	 */
	@Nullable
	private CachedValue read(Object key, String entryKey, boolean counted) {
		byte[] binaryKey = serializeCacheKey(entryKey);
		if (this.near != null) {
			return readNear(this.near, key, binaryKey, counted);
		}
		byte[] bytes = counted ? getCacheWriter().get(getName(), binaryKey)
				: this.collaborators.writer().getUncounted(getName(), binaryKey);
		return (bytes != null) ? decode(key, bytes, () -> evict(key)) : null;
	}

	/**
	 * Serve a read from this view's front of the near cache: what it served for the same
	 * key before, if the entry is still held. With immutable values the instance decoded
	 * then, else the entry decoded again.
	 */
	@Nullable
	private CachedValue frontHit(Object key, boolean counted, long now) {
		NearCache.Served served = (this.front != null) ? this.front.get(key, now) : null;
		if (served == null) {
			return null;
		}
		// The near cache adds the counted hits to the cache's statistics when they are
		// read (getStatistics), so that a hit costs no call into the collector.
		this.near.countHit(counted);
		// The entry or holder itself once it keeps a decoded instance: nothing to
		// allocate.
		return (served.content() instanceof byte[] bytes) ? decode(key, bytes, () -> evict(key)) : served;
	}

	@Override
	public CacheStatistics getStatistics() {
		CacheStatistics statistics = super.getStatistics();
		return (this.near != null) ? this.near.withHits(statistics) : statistics;
	}

	@Override
	public void clearStatistics() {
		super.clearStatistics();
		if (this.near != null) {
			this.near.clearCountedHits();
		}
	}

	/**
	 * Serve a read from the near cache if it holds the entry, and remember it in this
	 * view's front.
	 * @param evict evicts the entry if it cannot be read
	 */
	@Nullable
	private CachedValue nearHit(NearCache near, Object key, byte[] binaryKey, boolean counted, Runnable evict) {
		NearCache.Filled filled = near.hit(binaryKey, this.front);
		if (filled == null) {
			return null;
		}
		near.countHit(counted);
		Object content = filled.content();
		if (content instanceof byte[] bytes) {
			return decodeNear(near, key, filled, bytes, evict);
		}
		// The instance this view decoded, for another key of the same entry.
		this.front.put(key, filled);
		return filled;
	}

	/**
	 * Decode an entry the near cache holds (or just filled) and remember it in this
	 * view's front if it is still the entry held.
	 */
	@Nullable
	private CachedValue decodeNear(NearCache near, Object key, @Nullable NearCache.Filled filled, byte[] bytes,
			Runnable evict) {
		CachedValue cached = decode(key, bytes, evict);
		if (cached != null && filled != null && filled.content() == bytes) {
			if (near.immutableValues()) {
				this.front.put(key, filled, bytes, cached.storeValue(), cached.loadMillis());
			}
			else {
				this.front.put(key, filled);
			}
		}
		return cached;
	}

	/**
	 * Read through the near cache: a hit, else a fill through the key's tracked
	 * connection.
	 */
	@Nullable
	private CachedValue readNear(NearCache near, Object key, byte[] binaryKey, boolean counted) {
		CachedValue held = nearHit(near, key, binaryKey, counted, () -> evict(key));
		if (held != null) {
			return held;
		}
		byte[] bytes = this.collaborators.near().fill(near, getName(), binaryKey, counted, this.collaborators.writer());
		return (bytes != null) ? decodeNear(near, key, near.hit(binaryKey, this.front), bytes, () -> evict(key)) : null;
	}

	private CompletableFuture<CachedValue> retrieveCached(Object key, boolean counted) {
		CachedValue fronted = (this.front != null) ? frontHit(key, counted, this.collaborators.clock().millis()) : null;
		if (fronted != null) {
			return CompletableFuture.completedFuture(fronted);
		}
		byte[] binaryKey = binaryKey(key);
		Runnable evict = () -> this.collaborators.writer().removeLater(getName(), binaryKey);
		if (this.near != null) {
			NearCache near = this.near;
			CachedValue held = nearHit(near, key, binaryKey, counted, evict);
			return (held != null) ? CompletableFuture.completedFuture(held)
					: this.collaborators.near()
						.retrieve(near, getName(), binaryKey, counted, this.collaborators.writer())
						.thenApply((bytes) -> (bytes != null)
								? decodeNear(near, key, near.hit(binaryKey, this.front), bytes, evict) : null);
		}
		return (counted ? getCacheWriter().retrieve(getName(), binaryKey)
				: this.collaborators.writer().retrieveUncounted(getName(), binaryKey))
			.thenApply((bytes) -> (bytes != null) ? decode(key, bytes, evict) : null);
	}

	@Nullable
	private CachedValue decode(Object key, byte[] bytes, Runnable evict) {
		try {
			StoredEntry entry = StoredEntry.decode(bytes);
			return new Cached(payloadValue(entry.payload()), entry.loadMillis(), entry.expiresAtMillis());
		}
		catch (SerializationException ex) {
			unreadable(key, ex, evict);
			return null;
		}
	}

	private boolean shouldRefreshEarly(CachedValue cached) {
		return shouldRefreshEarly(cached, this.collaborators.clock().millis());
	}

	private boolean shouldRefreshEarly(CachedValue cached, long now) {
		return this.collaborators.coordinator()
			.shouldRefreshEarly(cached.loadMillis(), cached.expiresAtMillis(), this.spec.stampede(), now);
	}

	@Nullable
	private ValueWrapper wrap(@Nullable CachedValue cached) {
		return (cached != null) ? new SimpleValueWrapper(fromStoreValue(cached.storeValue())) : null;
	}

	/**
	 * Log an unreadable entry: at WARN once per cache with a hash of the key (keys may be
	 * e-mail addresses or tokens) and the kind of failure only (Jackson's messages quote
	 * the value, which may be personal data), at DEBUG with the key and the message.
	 */
	private void unreadable(Object key, SerializationException cause, Runnable evict) {
		String rest = " in cache '" + getName() + "' treated as a miss and evicted: ";
		if (this.unreadableLogged.compareAndSet(false, true)) {
			logger.warn("Unreadable entry with key hash " + Integer.toHexString(Objects.hashCode(key)) + rest
					+ cause.getMostSpecificCause().getClass().getName()
					+ " (further unreadable entries of this cache, with their keys and the failure's message, "
					+ "are logged at DEBUG)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Unreadable entry for key '" + key + "'" + rest + cause.getMostSpecificCause().getMessage());
		}
		this.collaborators.listener().unreadableEntry(getName(), key, cause);
		try {
			evict.run();
		}
		catch (DataAccessException ex) {
			logger.debug("Could not evict unreadable key '" + key + "' of cache '" + getName() + "'", ex);
		}
	}

	private void unwritable(@Nullable Object value, SerializationException cause) {
		this.collaborators.listener().fallback(getName(), FallbackReason.SERIALIZATION);
		this.collaborators.observations().fallback(getName(), FallbackReason.SERIALIZATION);
		Class<?> type = (value != null) ? value.getClass() : Void.class;
		String message = "A value of type " + type.getName() + " could not be written to cache '" + getName()
				+ "'; it is returned to the caller and not cached: ";
		if (this.unwritableLogged.add(type)) {
			// The failure's message may quote the value: only its kind at WARN.
			logger.warn(message + cause.getMostSpecificCause().getClass().getName()
					+ " (further failures of this type, with the failure's message, are logged at DEBUG)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message + cause.getMostSpecificCause().getMessage());
		}
	}

	private record Cached(Object storeValue, long loadMillis, long expiresAtMillis) implements CachedValue {
	}

	private record Miss(String entryKey, long atMillis) {
	}

}
