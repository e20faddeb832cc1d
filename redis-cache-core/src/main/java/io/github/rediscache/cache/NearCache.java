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

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.rediscache.cache.TrackedReads.TrackedNode;

import org.springframework.lang.Nullable;

/**
 * One cache's near cache: entry bytes kept in-process, each decoded again on every hit so
 * that a caller that changes a returned object never changes what the next caller gets.
 * An entry is installed only from a read through a tracked connection, and only if no
 * invalidation came between the start of that read and its end: a placeholder is put
 * first, an invalidation removes it, and the read's value replaces the placeholder only
 * if it is still there and its node was not re-tracked meanwhile.
 *
 * @author redis-cache authors
 */
final class NearCache {

	private static final long PLACEHOLDER_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Cache<Key, Object> entries;

	private final boolean immutableValues;

	/**
	 * Create a near cache.
	 * @param settings its bounds
	 * @param expiresAt the Redis expiry (epoch millis, 0 for none, negative for an entry
	 * that cannot be read) written in an entry
	 * @param clock the clock expiries are measured against
	 */
	NearCache(NearCacheSettings settings, ToLongFunction<byte[]> expiresAt, Clock clock) {
		long maxNanos = settings.maxTtl().toNanos();
		this.immutableValues = settings.immutableValues();
		this.entries = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfter(new Expiry<Key, Object>() {

			@Override
			public long expireAfterCreate(Key key, Object value, long currentTime) {
				if (!(value instanceof Filled filled)) {
					return PLACEHOLDER_NANOS;
				}
				long expiry = expiresAt.applyAsLong(filled.bytes());
				if (expiry == 0) {
					return maxNanos;
				}
				long left = TimeUnit.MILLISECONDS.toNanos(expiry - clock.millis());
				return Math.max(0, Math.min(maxNanos, left));
			}

			@Override
			public long expireAfterUpdate(Key key, Object value, long currentTime, long currentDuration) {
				return expireAfterCreate(key, value, currentTime);
			}

			@Override
			public long expireAfterRead(Key key, Object value, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	/**
	 * Return the bytes of an entry held here and still served by its node, or
	 * {@code null}.
	 * @param key the Redis key
	 * @return the bytes, or {@code null}
	 */
	@Nullable
	byte[] hit(byte[] key) {
		Object held = this.entries.getIfPresent(new Key(key));
		if (held instanceof Filled filled && filled.node().serves(filled.epoch())) {
			return filled.bytes();
		}
		return null;
	}

	/**
	 * Whether hits share one decoded instance.
	 * @return whether the cache's values are immutable
	 */
	boolean immutableValues() {
		return this.immutableValues;
	}

	/**
	 * Return the instance a view of the cache decoded from the entry held for a key, if
	 * the entry is still served.
	 * @param key the Redis key
	 * @param view the view of the cache (each declared type decodes differently)
	 * @return the instance, or {@code null}
	 */
	@Nullable
	Object shared(byte[] key, Object view) {
		Object held = this.entries.getIfPresent(new Key(key));
		if (held instanceof Filled filled && filled.node().serves(filled.epoch())) {
			Shared shared = filled.shared;
			return (shared != null && shared.view() == view) ? shared.decoded() : null;
		}
		return null;
	}

	/**
	 * Remember what a view decoded from the bytes of the entry held for a key, if those
	 * bytes are still what is held.
	 * @param key the Redis key
	 * @param bytes the bytes that were decoded
	 * @param view the view of the cache
	 * @param decoded the instance
	 */
	void share(byte[] key, byte[] bytes, Object view, Object decoded) {
		if (this.entries.getIfPresent(new Key(key)) instanceof Filled filled && filled.bytes() == bytes) {
			filled.shared = new Shared(view, decoded);
		}
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
		while (true) {
			Object current = this.entries.asMap().putIfAbsent(held, placeholder);
			if (current == null) {
				return new Fill(placeholder, true);
			}
			if (current instanceof CompletableFuture<?> underWay) {
				@SuppressWarnings("unchecked")
				CompletableFuture<byte[]> read = (CompletableFuture<byte[]>) underWay;
				return new Fill(read, false);
			}
			if (current instanceof Filled filled && filled.node().serves(filled.epoch())) {
				// Filled by another caller since this one missed.
				return new Fill(CompletableFuture.completedFuture(filled.bytes()), false);
			}
			if (this.entries.asMap().replace(held, current, placeholder)) {
				return new Fill(placeholder, true);
			}
		}
	}

	/**
	 * End a fill with what the tracked read returned: installed only if the placeholder
	 * survived and the node was not re-tracked since the read began.
	 * @param key the Redis key
	 * @param fill the fill this caller leads
	 * @param bytes what the read returned, or {@code null}
	 * @param node the node read from
	 * @param epoch the node's epoch when the read began
	 * @return whether the entry was installed
	 */
	boolean endFill(byte[] key, Fill fill, @Nullable byte[] bytes, @Nullable TrackedNode node, long epoch) {
		Key held = new Key(key);
		boolean installed = bytes != null && node != null && node.serves(epoch)
				&& this.entries.asMap().replace(held, fill.placeholder(), new Filled(bytes, node, epoch));
		if (!installed) {
			this.entries.asMap().remove(held, fill.placeholder());
		}
		fill.complete(bytes);
		return installed;
	}

	/**
	 * Drop a key.
	 * @param key the Redis key
	 */
	void invalidate(byte[] key) {
		this.entries.invalidate(new Key(key));
	}

	/**
	 * Drop every entry read from a node.
	 * @param node the node
	 * @return how many entries were dropped
	 */
	int invalidate(TrackedNode node) {
		int[] dropped = new int[1];
		this.entries.asMap().entrySet().removeIf((entry) -> {
			boolean fromNode = entry.getValue() instanceof Filled filled && filled.node() == node;
			dropped[0] += fromNode ? 1 : 0;
			return fromNode;
		});
		return dropped[0];
	}

	/**
	 * Drop every entry.
	 */
	void clear() {
		this.entries.invalidateAll();
	}

	/**
	 * Return how many entries (and fills under way) are held.
	 * @return the estimated size
	 */
	long size() {
		return this.entries.estimatedSize();
	}

	/**
	 * An entry read through a tracked connection, with the instance decoded from it by
	 * one view of the cache when its values are immutable.
	 */
	private static final class Filled {

		private final byte[] bytes;

		private final TrackedNode node;

		private final long epoch;

		@Nullable
		private volatile Shared shared;

		Filled(byte[] bytes, TrackedNode node, long epoch) {
			this.bytes = bytes;
			this.node = node;
			this.epoch = epoch;
		}

		byte[] bytes() {
			return this.bytes;
		}

		TrackedNode node() {
			return this.node;
		}

		long epoch() {
			return this.epoch;
		}

	}

	private record Shared(Object view, Object decoded) {
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

		void fail(RuntimeException ex) {
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
