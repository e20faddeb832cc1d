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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.data.redis.cache.CacheStatistics;
import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;

/**
 * A {@link RedisCacheWriter} that keeps entries in a map and records the calls it gets,
 * standing for the writer below {@link GuardedCacheWriter} in tests of its own logic.
 */
class RecordingCacheWriter implements RedisCacheWriter {

	final Map<String, byte[]> entries = new ConcurrentHashMap<>();

	final List<String> calls = new CopyOnWriteArrayList<>();

	CacheStatisticsCollector statistics = CacheStatisticsCollector.none();

	@Override
	public byte[] get(String name, byte[] key) {
		this.calls.add("get " + text(key));
		return this.entries.get(text(key));
	}

	@Override
	public CompletableFuture<byte[]> retrieve(String name, byte[] key, Duration ttl) {
		return CompletableFuture.completedFuture(get(name, key));
	}

	@Override
	public void put(String name, byte[] key, byte[] value, Duration ttl) {
		this.calls.add("put " + text(key));
		this.entries.put(text(key), value);
	}

	@Override
	public CompletableFuture<Void> store(String name, byte[] key, byte[] value, Duration ttl) {
		put(name, key, value, ttl);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public byte[] putIfAbsent(String name, byte[] key, byte[] value, Duration ttl) {
		this.calls.add("putIfAbsent " + text(key));
		return this.entries.putIfAbsent(text(key), value);
	}

	@Override
	public void remove(String name, byte[] key) {
		this.calls.add("remove " + text(key));
		this.entries.remove(text(key));
	}

	@Override
	public void clean(String name, byte[] pattern) {
		String prefix = text(pattern).replace("*", "");
		this.calls.add("clean " + text(pattern));
		this.entries.keySet().removeIf((key) -> key.startsWith(prefix));
	}

	@Override
	public void clearStatistics(String name) {
		this.statistics.reset(name);
	}

	@Override
	public RedisCacheWriter withStatisticsCollector(CacheStatisticsCollector collector) {
		this.statistics = collector;
		return this;
	}

	@Override
	public CacheStatistics getCacheStatistics(String cacheName) {
		return this.statistics.getCacheStatistics(cacheName);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
