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
package io.github.rediscache.cache.near;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.lang.Nullable;

/**
 * One cache's near cache: entry bytes kept in-process, each decoded again on every hit so
 * that a caller that changes a returned object never changes what the next caller gets.
 * An entry is installed only from a read through a tracked connection, and only if no
 * invalidation came between the start of that read and its end: a placeholder is put
 * first (beside the store, so that a miss costs the store no write), an invalidation
 * removes it, and the read's value is installed only if the placeholder is still there
 * and its node was not re-tracked meanwhile.
 * <p>
 * Each view of the cache (one per declared value type) also keeps a {@link Front}: the
 * entries it served, by the caller's own key, so that a hit needs neither the Redis key
 * nor a lookup here. A front entry is served only while its entry is still held here
 * (every removal marks the entry it removed before it returns), its node still serves it
 * and it has not expired.
 * <p>
 * With immutable values, an entry keeps the instance the first view that decoded entries
 * decoded, instead of its bytes: one object per entry besides the value. Another view
 * that meets such an entry fills it again, and from then on entries keep their bytes and
 * each view keeps its own decoded instance in its front.
 *
 * Public for {@code io.github.rediscache.cache} alone; not an API.
 *
 * @author redis-cache authors
 */
public final class NearCache implements NearCacheStatistics {

	private final Cache<Key, Filled> entries;

	private final Map<Key, CompletableFuture<byte[]>> fills = new ConcurrentHashMap<>();

	private final boolean immutableValues;

	private final long maxTtlMillis;

	private final ToLongFunction<byte[]> expiresAt;

	private final Clock clock;

	private final List<Front> fronts = new CopyOnWriteArrayList<>();

	/** The view whose decoded instances entries keep, once one decoded an entry. */
	private final AtomicReference<Front> owner = new AtomicReference<>();

	/**
	 * Whether another view decoded entries too: entries keep their bytes from then on.
	 */
	private volatile boolean shared;

	/** Hits that are gets of the cache's statistics too ({@code @Cacheable}'s). */
	private final LongAdder countedHits = new LongAdder();

	/** Hits of callers that count their own gets. */
	private final LongAdder uncountedHits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	/** The counted hits when the cache's statistics were last reset. */
	private volatile long countedHitsAtReset;

	/**
	 * Create a near cache.
	 * @param settings its bounds
	 * @param expiresAt the Redis expiry (epoch millis, 0 for none, negative for an entry
	 * that cannot be read) written in an entry
	 * @param clock the clock expiries are measured against
	 */
	NearCache(NearCacheSettings settings, ToLongFunction<byte[]> expiresAt, Clock clock) {
		this.immutableValues = settings.immutableValues();
		this.maxTtlMillis = settings.maxTtl().toMillis();
		this.expiresAt = expiresAt;
		this.clock = clock;
		// No front entry outlives its entry: Caffeine tells evictions as they happen, and
		// every other removal here marks what it removed. Expiry is checked on every read
		// and expired entries are swept (a Caffeine expiry would cost every entry a
		// timer).
		this.entries = Caffeine.newBuilder()
			.maximumSize(settings.maxSize())
			.evictionListener((Key key, Filled value, RemovalCause cause) -> gone(value))
			.build();
	}

	/**
	 * Return an entry held here, still served by its node and not expired, or
	 * {@code null}.
	 * @param key the Redis key
	 * @return the entry, or {@code null}
	 */
	@Nullable
	Filled hit(byte[] key) {
		Filled filled = this.entries.getIfPresent(new Key(key));
		return (filled != null && filled.serves(this.clock.millis())) ? filled : null;
	}

	/**
	 * Return an entry a view can serve: held here, still served by its node, not expired,
	 * and either its bytes or the instance this view decoded.
	 * @param key the Redis key
	 * @param view the front of the view that reads
	 * @return the entry, or {@code null}
	 */
	@Nullable
	public Filled hit(byte[] key, Front view) {
		Filled filled = hit(key);
		if (filled == null || filled.content() instanceof byte[] || this.owner.get() == view) {
			return filled;
		}
		this.shared = true;
		return null;
	}

	/**
	 * Create the front of one view of the cache.
	 * @return the front, swept with the others
	 */
	public Front front() {
		Front front = new Front();
		this.fronts.add(front);
		return front;
	}

	/**
	 * Drop the entries that expired, and the front entries whose entries are gone.
	 */
	void sweep() {
		long now = this.clock.millis();
		this.entries.asMap().values().removeIf((filled) -> {
			boolean expired = filled.deadline <= now;
			if (expired) {
				gone(filled);
			}
			return expired;
		});
		this.fronts.forEach(Front::sweep);
	}

	/**
	 * Whether hits share one decoded instance.
	 * @return whether the cache's values are immutable
	 */
	public boolean immutableValues() {
		return this.immutableValues;
	}

	/**
	 * Start a fill, or join one under way: the first caller that misses a key puts a
	 * placeholder, which an invalidation of the key removes, and reads; callers that miss
	 * the same key meanwhile wait for that read instead of reading themselves.
	 * @param key the Redis key
	 * @return the fill; {@link Fill#leads()} tells whether this caller reads
	 */
	Fill startFill(byte[] key) {
		Key held = new Key(key);
		CompletableFuture<byte[]> placeholder = new CompletableFuture<>();
		CompletableFuture<byte[]> underWay = this.fills.putIfAbsent(held, placeholder);
		if (underWay != null) {
			return new Fill(underWay, false);
		}
		Filled filled = hit(key);
		if (filled != null && filled.content() instanceof byte[] bytes && this.fills.remove(held, placeholder)) {
			// Filled by another caller since this one missed.
			placeholder.complete(bytes);
			return new Fill(placeholder, false);
		}
		return new Fill(placeholder, true);
	}

	/**
	 * End a fill with what the tracked read returned: installed only if the placeholder
	 * survived and the node was not re-tracked since the read began. The placeholder is
	 * removed and the entry installed under the placeholder map's lock of the key, which
	 * an invalidation of the key takes too.
	 * @param key the Redis key
	 * @param fill the fill this caller leads
	 * @param bytes what the read returned, or {@code null}
	 * @param node the node read from
	 * @param epoch the node's epoch when the read began
	 * @return whether the entry was installed
	 */
	boolean endFill(byte[] key, Fill fill, @Nullable byte[] bytes, @Nullable TrackedNode node, int epoch) {
		Key held = new Key(key);
		boolean[] installed = new boolean[1];
		this.fills.computeIfPresent(held, (same, current) -> {
			if (current != fill.placeholder()) {
				return current;
			}
			if (bytes != null && node != null && node.accepts(epoch)) {
				// Removed first: a replaced mapping would keep the old entry as its key.
				gone(this.entries.asMap().remove(held));
				long expiresAt = this.expiresAt.applyAsLong(bytes);
				Filled filled = new Filled(key, bytes, node, epoch, expiresAt, deadline(expiresAt));
				this.entries.asMap().put(filled, filled);
				installed[0] = true;
			}
			return null;
		});
		fill.complete(bytes);
		return installed[0];
	}

	/**
	 * The last instant an entry may be served: its Redis expiry or {@code max-ttl} from
	 * now, whichever comes first.
	 */
	private long deadline(long expiry) {
		long capped = this.clock.millis() + this.maxTtlMillis;
		return (expiry == 0) ? capped : Math.min(expiry, capped);
	}

	/**
	 * Drop a key.
	 * @param key the Redis key
	 * @return whether the key was held (or being filled)
	 */
	public boolean invalidate(byte[] key) {
		Key held = new Key(key);
		// The placeholder first: a fill that has not installed its entry yet will not.
		CompletableFuture<byte[]> fill = this.fills.remove(held);
		Filled removed = this.entries.asMap().remove(held);
		gone(removed);
		return removed != null || fill != null;
	}

	/**
	 * Drop every entry read from a node, and every fill under way (a placeholder does not
	 * say its node), so that no read that began before installs.
	 * @param node the node
	 * @return how many entries were dropped
	 */
	int invalidate(TrackedNode node) {
		this.fills.clear();
		int[] dropped = new int[1];
		this.entries.asMap().entrySet().removeIf((entry) -> {
			boolean fromNode = entry.getValue().node() == node;
			if (fromNode) {
				dropped[0]++;
				gone(entry.getValue());
			}
			return fromNode;
		});
		sweep();
		return dropped[0];
	}

	/**
	 * Drop every entry.
	 */
	public void clear() {
		this.fills.clear();
		this.entries.asMap().keySet().forEach((key) -> gone(this.entries.asMap().remove(key)));
		sweep();
	}

	/**
	 * Mark an entry that left the near cache, so that no front serves it again.
	 */
	private static void gone(@Nullable Filled removed) {
		if (removed != null) {
			removed.deadline = GONE;
		}
	}

	/**
	 * Return how many entries are held.
	 * @return the estimated size
	 */
	@Override
	public long size() {
		return this.entries.estimatedSize();
	}

	/**
	 * Count a hit served here.
	 * @param counted whether it also counts as a get and a hit of the cache's statistics
	 * (added when they are read, see {@link #withHits})
	 */
	public void countHit(boolean counted) {
		(counted ? this.countedHits : this.uncountedHits).increment();
	}

	/**
	 * Return a cache's statistics with the gets and hits served here added.
	 * @param statistics the statistics the cache writer counted
	 * @return the statistics of every get
	 */
	public CacheStatistics withHits(CacheStatistics statistics) {
		return new WithHits(statistics, this.countedHits.sum() - this.countedHitsAtReset);
	}

	/**
	 * Forget the hits counted for the cache's statistics, as they are reset.
	 */
	public void clearCountedHits() {
		this.countedHitsAtReset = this.countedHits.sum();
	}

	void countMiss() {
		this.misses.increment();
	}

	@Override
	public long hits() {
		return this.countedHits.sum() + this.uncountedHits.sum();
	}

	@Override
	public long misses() {
		return this.misses.sum();
	}

	/** The deadline of an entry that left the near cache. */
	private static final long GONE = Long.MIN_VALUE;

	/**
	 * What a front serves: an entry's bytes to decode, or the instance every hit shares
	 * with the load time and expiry written in the entry; once {@link #content()} is not
	 * {@code byte[]}, this is the {@link CachedValue} a hit returns, with the content as
	 * its store value.
	 */
	public sealed interface Served extends CachedValue permits Filled, Held {

		/**
		 * Return the entry served.
		 * @return the entry
		 */
		Filled entry();

		/**
		 * Return the entry's bytes ({@code byte[]}), or the decoded instance every hit
		 * shares; read once per hit, since an entry's bytes give way to its instance.
		 * @return the bytes or the instance
		 */
		Object content();

	}

	/**
	 * An entry read through a tracked connection; its own key in the store.
	 */
	public static final class Filled extends Key implements Served {

		private static final VarHandle CONTENT;

		static {
			try {
				CONTENT = MethodHandles.lookup().findVarHandle(Filled.class, "content", Object.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		/** The entry's bytes, or the instance the owning view decoded from them. */
		private volatile Object content;

		private final TrackedNode node;

		private final int epoch;

		private final long expiresAtMillis;

		/** Set before the content becomes a decoded instance. */
		private volatile int loadMillis;

		/**
		 * The last instant it may be served; {@link #GONE} once it left the near cache.
		 */
		private volatile long deadline;

		Filled(byte[] key, byte[] bytes, TrackedNode node, int epoch, long expiresAtMillis, long deadline) {
			super(key);
			this.content = bytes;
			this.node = node;
			this.epoch = epoch;
			this.expiresAtMillis = expiresAtMillis;
			this.deadline = deadline;
		}

		@Override
		public Filled entry() {
			return this;
		}

		@Override
		public Object content() {
			return this.content;
		}

		/**
		 * Return the decoded instance the entry keeps: only once {@link #content()} is
		 * one (it never goes back to bytes).
		 */
		@Override
		public Object storeValue() {
			return this.content;
		}

		@Override
		public long loadMillis() {
			return this.loadMillis;
		}

		@Override
		public long expiresAtMillis() {
			return this.expiresAtMillis;
		}

		/**
		 * Whether the entry may be served at a time.
		 */
		boolean serves(long now) {
			return now < this.deadline && this.node.serves(this.epoch, now);
		}

		/**
		 * Keep a decoded instance instead of the bytes it was decoded from.
		 * @return whether the entry now holds a decoded instance of those bytes
		 */
		boolean keep(byte[] decodedFrom, Object value, long loadMillis) {
			this.loadMillis = (int) Math.min(loadMillis, Integer.MAX_VALUE);
			return CONTENT.compareAndSet(this, decodedFrom, value) || !(this.content instanceof byte[]);
		}

		TrackedNode node() {
			return this.node;
		}

	}

	/**
	 * The entries one view of the cache served, by the caller's key, with the instance
	 * the view decoded when the cache's values are immutable.
	 */
	public final class Front {

		private final Map<Object, Served> held = new ConcurrentHashMap<>();

		/**
		 * Return what this view served for a key, if its entry is still held, still
		 * served by its node and not expired at a time read from the near cache's clock.
		 * @param key the caller's key
		 * @param now the time of the read, in epoch milliseconds
		 * @return the front entry, or {@code null}
		 */
		@Nullable
		public Served get(Object key, long now) {
			Served found = this.held.get(key);
			if (found == null) {
				return null;
			}
			Filled filled = found.entry();
			if (!filled.serves(now)) {
				this.held.remove(key, found);
				return null;
			}
			if ((ThreadLocalRandom.current().nextInt() & 15) == 0) {
				// Let Caffeine's eviction policy see that the entry is used.
				NearCache.this.entries.getIfPresent(filled);
			}
			return found;
		}

		/**
		 * Remember an entry this view served for a key, to decode again per hit.
		 * @param key the caller's key
		 * @param filled the entry
		 */
		public void put(Object key, Filled filled) {
			this.held.put(key, filled);
		}

		/**
		 * Remember an entry this view served for a key, with the instance every hit
		 * shares: kept in the entry instead of its bytes when this is the cache's only
		 * view, else beside it. A {@code byte[]} value (it would read as an entry's
		 * bytes) or a {@code null} is decoded per hit instead.
		 * @param key the caller's key
		 * @param filled the entry
		 * @param decodedFrom the bytes the value was decoded from, the entry's
		 * @param value the decoded value
		 * @param loadMillis the load time written in the entry
		 */
		public void put(Object key, Filled filled, byte[] decodedFrom, @Nullable Object value, long loadMillis) {
			if (value == null || value instanceof byte[]) {
				put(key, filled);
			}
			else if (keepsInstances() && filled.keep(decodedFrom, value, loadMillis)) {
				this.held.put(key, filled);
			}
			else {
				this.held.put(key, new Held(filled, value, loadMillis));
			}
		}

		/**
		 * Whether entries keep this view's decoded instances: it is the first view that
		 * decoded one, and no other view decoded any since.
		 */
		private boolean keepsInstances() {
			AtomicReference<Front> owner = NearCache.this.owner;
			if (owner.get() != this && !owner.compareAndSet(null, this)) {
				NearCache.this.shared = true;
			}
			return !NearCache.this.shared;
		}

		private void sweep() {
			long now = NearCache.this.clock.millis();
			this.held.values().removeIf((found) -> found.entry().deadline <= now);
		}

	}

	/**
	 * A cache's statistics with the gets and hits its near cache served.
	 */
	private record WithHits(CacheStatistics counted, long nearHits) implements CacheStatistics {

		@Override
		public String getCacheName() {
			return this.counted.getCacheName();
		}

		@Override
		public long getPuts() {
			return this.counted.getPuts();
		}

		@Override
		public long getGets() {
			return this.counted.getGets() + this.nearHits;
		}

		@Override
		public long getHits() {
			return this.counted.getHits() + this.nearHits;
		}

		@Override
		public long getMisses() {
			return this.counted.getMisses();
		}

		@Override
		public long getDeletes() {
			return this.counted.getDeletes();
		}

		@Override
		public long getLockWaitDuration(TimeUnit unit) {
			return this.counted.getLockWaitDuration(unit);
		}

		@Override
		public Instant getSince() {
			return this.counted.getSince();
		}

		@Override
		public Instant getLastReset() {
			return this.counted.getLastReset();
		}

	}

	/**
	 * A front entry of a view that shares the entry with other views: the instance this
	 * view decoded beside the entry.
	 *
	 * @param entry the entry
	 * @param storeValue the decoded instance every hit of this view shares
	 * @param loadMillis the load time written in the entry
	 */
	public record Held(Filled entry, Object storeValue, long loadMillis) implements Served {

		@Override
		public Object content() {
			return this.storeValue;
		}

		@Override
		public long expiresAtMillis() {
			return this.entry.expiresAtMillis;
		}

	}

	/**
	 * A fill under way.
	 *
	 * @param placeholder completes with what the fill read
	 * @param leads whether this caller reads (else it waits for the caller that does)
	 */
	record Fill(CompletableFuture<byte[]> placeholder, boolean leads) {

		void complete(@Nullable byte[] bytes) {
			this.placeholder.complete(bytes);
		}

		void fail(Throwable ex) {
			this.placeholder.completeExceptionally(ex);
		}

		/** What {@link #await} returns when the fill failed or took too long. */
		static final byte[] NOT_SHARED = new byte[0];

		/**
		 * Wait for the read of the caller that leads the fill.
		 * @param timeout the longest wait
		 * @return what it read ({@code null} if the key is absent), or
		 * {@link #NOT_SHARED} if it failed or took longer
		 */
		@Nullable
		byte[] await(Duration timeout) {
			try {
				return this.placeholder.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return NOT_SHARED;
			}
			catch (ExecutionException | TimeoutException ex) {
				return NOT_SHARED;
			}
		}

	}

	/**
	 * A Redis key as a map key (its hash is computed per lookup, as a lookup would).
	 */
	static class Key {

		private final byte[] bytes;

		Key(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Arrays.equals(key.bytes, this.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

	}

}
