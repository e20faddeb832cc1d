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
package io.github.rediscache.cache.writer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evictions and clears that could not reach Redis, or that a thread which must not block
 * handed over, remembered per cache until they are replayed, so that no value the
 * application invalidated is served after it. While a key's eviction is pending, reads of
 * that key are misses; while a clear is pending, reads of the whole cache are. Each cache
 * remembers up to a bound of keys; past it, the pending evictions become a clear of the
 * cache.
 * <p>
 * Every key and every clear carries the version at which it was last asked for. A replay
 * forgets only what it replayed at that version: an eviction asked for again while the
 * replay ran stays for the next round, and everything else drains, however fast new
 * evictions arrive.
 *
 * @author redis-cache authors
 */
public final class PendingInvalidations {

	private final int maxKeysPerCache;

	private final Map<String, Pending> caches = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	/**
	 * Create an empty set.
	 * @param maxKeysPerCache the most evictions a cache remembers before it turns them
	 * into a clear
	 */
	public PendingInvalidations(int maxKeysPerCache) {
		this.maxKeysPerCache = maxKeysPerCache;
	}

	void evict(String cacheName, byte[] key) {
		Pending pending = this.caches.computeIfAbsent(cacheName, (name) -> new Pending());
		synchronized (pending) {
			pending.version++;
			if (pending.keys.put(ByteBuffer.wrap(key.clone()), pending.version) == null) {
				this.total.incrementAndGet();
				if (pending.keys.size() > this.maxKeysPerCache) {
					clearKeys(pending);
					markClear(pending);
				}
			}
		}
	}

	void clear(String cacheName) {
		Pending pending = this.caches.computeIfAbsent(cacheName, (name) -> new Pending());
		synchronized (pending) {
			pending.version++;
			clearKeys(pending);
			markClear(pending);
		}
	}

	private void clearKeys(Pending pending) {
		this.total.addAndGet(-pending.keys.size());
		pending.keys.clear();
	}

	private void markClear(Pending pending) {
		if (!pending.clear) {
			pending.clear = true;
			this.total.incrementAndGet();
		}
		pending.clearVersion = pending.version;
	}

	/**
	 * Return whether a read of the key must be a miss because its invalidation is
	 * pending.
	 * @param cacheName the cache
	 * @param key the key
	 * @return whether the key is invalidated but Redis does not know yet
	 */
	boolean mustMiss(String cacheName, byte[] key) {
		if (this.total.get() == 0) {
			return false;
		}
		Pending pending = this.caches.get(cacheName);
		if (pending == null) {
			return false;
		}
		synchronized (pending) {
			return pending.clear || pending.keys.containsKey(ByteBuffer.wrap(key));
		}
	}

	/**
	 * Return how many invalidations wait for replay (a clear counts as one).
	 * @return the number of pending invalidations
	 */
	public int size() {
		return this.total.get();
	}

	/**
	 * Return how many invalidations of one cache wait for replay (a clear counts as one).
	 * @param cacheName the cache
	 * @return the number of pending invalidations
	 */
	public int size(String cacheName) {
		Pending pending = this.caches.get(cacheName);
		if (pending == null) {
			return 0;
		}
		synchronized (pending) {
			return (pending.clear ? 1 : 0) + pending.keys.size();
		}
	}

	/**
	 * Take what is pending for replay, in a snapshot the replayer works through.
	 * @return the pending clears and evictions, by cache
	 */
	List<Replay> snapshot() {
		List<Replay> replays = new ArrayList<>();
		this.caches.forEach((name, pending) -> {
			synchronized (pending) {
				if (pending.clear || !pending.keys.isEmpty()) {
					List<PendingKey> keys = new ArrayList<>();
					pending.keys.forEach((key, version) -> keys.add(new PendingKey(key.array(), version)));
					replays.add(new Replay(name, pending.clear, pending.clearVersion, keys));
				}
			}
		});
		return replays;
	}

	/**
	 * Forget a pending clear that was replayed, unless the cache was cleared again after
	 * the snapshot the replay came from. Evictions asked for while it ran are remembered
	 * key by key and replayed after it.
	 * @param cacheName the cache
	 * @param version the version of the clear in the snapshot
	 */
	void cleared(String cacheName, long version) {
		Pending pending = this.caches.get(cacheName);
		if (pending != null) {
			synchronized (pending) {
				if (pending.clear && pending.clearVersion == version) {
					pending.clear = false;
					this.total.decrementAndGet();
				}
			}
		}
	}

	/**
	 * Forget a pending eviction that was replayed, unless the key was evicted again after
	 * the snapshot the replay came from (after a write that followed the replayed delete,
	 * say).
	 * @param cacheName the cache
	 * @param key the key
	 * @param version the version of the key in the snapshot
	 */
	void evicted(String cacheName, byte[] key, long version) {
		Pending pending = this.caches.get(cacheName);
		if (pending != null) {
			synchronized (pending) {
				if (pending.keys.remove(ByteBuffer.wrap(key), version)) {
					this.total.decrementAndGet();
				}
			}
		}
	}

	/**
	 * What one cache has pending at the time of a snapshot.
	 *
	 * @param cacheName the cache
	 * @param clear whether the whole cache must be cleared
	 * @param clearVersion the version of the clear
	 * @param keys the keys to evict, with their versions
	 */
	record Replay(String cacheName, boolean clear, long clearVersion, List<PendingKey> keys) {
	}

	/**
	 * A key to evict and the version at which it was last asked for.
	 *
	 * @param key the key
	 * @param version its version
	 */
	record PendingKey(byte[] key, long version) {
	}

	private static final class Pending {

		private final Map<ByteBuffer, Long> keys = new LinkedHashMap<>();

		private boolean clear;

		private long clearVersion;

		private long version;

	}

}
