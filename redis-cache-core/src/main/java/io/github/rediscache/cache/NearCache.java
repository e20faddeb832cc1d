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
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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

	/**
	 * Create a near cache.
	 * @param settings its bounds
	 * @param expiresAt the Redis expiry (epoch millis, 0 for none, negative for an entry
	 * that cannot be read) written in an entry
	 * @param clock the clock expiries are measured against
	 */
	NearCache(NearCacheSettings settings, ToLongFunction<byte[]> expiresAt, Clock clock) {
		long maxNanos = settings.maxTtl().toNanos();
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
	 * Start a fill: a placeholder that an invalidation of the key removes.
	 * @param key the Redis key
	 * @return the token of the fill
	 */
	Object startFill(byte[] key) {
		Object placeholder = new Object();
		this.entries.put(new Key(key), placeholder);
		return placeholder;
	}

	/**
	 * End a fill with what the tracked read returned: installed only if the placeholder
	 * survived and the node was not re-tracked since the read began.
	 * @param key the Redis key
	 * @param placeholder the token of the fill
	 * @param bytes what the read returned, or {@code null}
	 * @param node the node read from
	 * @param epoch the node's epoch when the read began
	 * @return whether the entry was installed
	 */
	boolean endFill(byte[] key, Object placeholder, @Nullable byte[] bytes, TrackedNode node, long epoch) {
		Key held = new Key(key);
		if (bytes == null || !node.serves(epoch)) {
			this.entries.asMap().remove(held, placeholder);
			return false;
		}
		return this.entries.asMap().replace(held, placeholder, new Filled(bytes, node, epoch));
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

	private record Filled(byte[] bytes, TrackedNode node, long epoch) {
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
