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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
		// every other removal here marks what it removed.
		this.entries = Caffeine.newBuilder()
			.maximumSize(settings.maxSize())
			.evictionListener((Key key, Filled value, RemovalCause cause) -> gone(value))
			.expireAfter(new Expiry<Key, Filled>() {

				@Override
				public long expireAfterCreate(Key key, Filled filled, long currentTime) {
					return TimeUnit.MILLISECONDS.toNanos(Math.max(0, filled.deadline - clock.millis()));
				}

				@Override
				public long expireAfterUpdate(Key key, Filled filled, long currentTime, long currentDuration) {
					return expireAfterCreate(key, filled, currentTime);
				}

				@Override
				public long expireAfterRead(Key key, Filled filled, long currentTime, long currentDuration) {
					return currentDuration;
				}

			})
			.build();
	}

	/**
	 * Return an entry held here and still served by its node, or {@code null}.
	 * @param key the Redis key
	 * @return the entry, or {@code null}
	 */
	@Nullable
	public Filled hit(byte[] key) {
		Filled filled = this.entries.getIfPresent(new Key(key));
		return (filled != null && filled.node().serves(filled.epoch(), this.clock.millis())) ? filled : null;
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
	 * Drop the front entries whose entries are gone.
	 */
	void sweep() {
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
		Filled filled = this.entries.getIfPresent(held);
		if (filled != null && filled.node().serves(filled.epoch(), this.clock.millis())
				&& this.fills.remove(held, placeholder)) {
			// Filled by another caller since this one missed.
			placeholder.complete(filled.bytes());
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
	boolean endFill(byte[] key, Fill fill, @Nullable byte[] bytes, @Nullable TrackedNode node, long epoch) {
		Key held = new Key(key);
		boolean[] installed = new boolean[1];
		this.fills.computeIfPresent(held, (same, current) -> {
			if (current != fill.placeholder()) {
				return current;
			}
			if (bytes != null && node != null && node.accepts(epoch)) {
				gone(this.entries.asMap().put(held, new Filled(held, bytes, node, epoch, deadline(bytes))));
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
	private long deadline(byte[] bytes) {
		long now = this.clock.millis();
		long expiry = this.expiresAt.applyAsLong(bytes);
		long capped = now + this.maxTtlMillis;
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
			removed.live = false;
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

	/**
	 * An entry read through a tracked connection.
	 */
	public static final class Filled {

		private final Key key;

		private final byte[] bytes;

		private final TrackedNode node;

		private final long epoch;

		private final long deadline;

		/** Cleared when the entry leaves the near cache. */
		private volatile boolean live = true;

		Filled(Key key, byte[] bytes, TrackedNode node, long epoch, long deadline) {
			this.key = key;
			this.bytes = bytes;
			this.node = node;
			this.epoch = epoch;
			this.deadline = deadline;
		}

		public byte[] bytes() {
			return this.bytes;
		}

		TrackedNode node() {
			return this.node;
		}

		long epoch() {
			return this.epoch;
		}

	}

	/**
	 * The entries one view of the cache served, by the caller's key, with the instance
	 * the view decoded when the cache's values are immutable.
	 */
	public final class Front {

		private final Map<Object, Held> held = new ConcurrentHashMap<>();

		/**
		 * Return what this view served for a key, if its entry is still held, still
		 * served by its node and not expired at a time read from the near cache's clock.
		 * @param key the caller's key
		 * @param now the time of the read, in epoch milliseconds
		 * @return the front entry, or {@code null}
		 */
		@Nullable
		public Held get(Object key, long now) {
			Held found = this.held.get(key);
			if (found == null) {
				return null;
			}
			Filled filled = found.filled();
			if (!filled.live || !filled.node.serves(filled.epoch, now) || now >= filled.deadline) {
				this.held.remove(key, found);
				return null;
			}
			if ((ThreadLocalRandom.current().nextInt() & 15) == 0) {
				// Let Caffeine's eviction policy see that the entry is used.
				NearCache.this.entries.getIfPresent(filled.key);
			}
			return found;
		}

		/**
		 * Remember an entry this view served for a key.
		 * @param key the caller's key
		 * @param filled the entry
		 * @param decoded the instance every hit shares, or {@code null} to decode per hit
		 */
		public void put(Object key, Filled filled, @Nullable Object decoded) {
			this.held.put(key, new Held(filled, decoded));
		}

		private void sweep() {
			this.held.values().removeIf((found) -> !found.filled().live);
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
	 * A front entry.
	 *
	 * @param filled the entry
	 * @param decoded the instance every hit shares, or {@code null} to decode per hit
	 */
	public record Held(Filled filled, @Nullable Object decoded) {

		public byte[] bytes() {
			return this.filled.bytes;
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
	 * A Redis key as a map key.
	 */
	private static final class Key {

		private final byte[] bytes;

		private final int hash;

		Key(byte[] bytes) {
			this.bytes = bytes;
			this.hash = Arrays.hashCode(bytes);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.hash == this.hash && Arrays.equals(key.bytes, this.bytes);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
