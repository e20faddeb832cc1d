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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import org.springframework.cache.Cache;

import static org.awaitility.Awaitility.await;

/**
 * A staleness invariant run: one client writes versions of keys (every tenth a delete)
 * and records when each write was acknowledged, instances read the keys through their
 * near caches and record when each read started and the version it returned, while the
 * test injects faults. Faults that change every key at once (a flush, a restart that
 * loses the data) hold the writes back while they run and are recorded as a write of each
 * key they changed. The judgement: no read that started more than the bound after a write
 * was acknowledged returns a version that write replaced.
 */
final class StalenessRun implements AutoCloseable {

	private final List<String> keys = IntStream.range(0, 20).mapToObj((i) -> "stale-" + i).toList();

	private final Duration bound;

	private final AtomicLong versions = new AtomicLong();

	private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

	/**
	 * By key: each acknowledged write as {version, acknowledged at}, in version order.
	 */
	private final Map<String, List<long[]>> acknowledged = new ConcurrentHashMap<>();

	/** Each read that returned a value: {started at, key index, version}. */
	private final List<long[]> reads = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Integer> faults = Collections.synchronizedMap(new TreeMap<>());

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Future<?>> traffic = new ArrayList<>();

	private volatile boolean running = true;

	StalenessRun(Duration bound) {
		this.bound = bound;
	}

	List<String> keys() {
		return this.keys;
	}

	/**
	 * Start writing through a client's connection.
	 * @param redis the writing client's commands
	 */
	void write(RedisClusterCommands<String, String> redis) {
		this.traffic.add(this.threads.submit(() -> {
			while (this.running) {
				String key = this.keys.get(ThreadLocalRandom.current().nextInt(this.keys.size()));
				this.writes.readLock().lock();
				try {
					long version = this.versions.incrementAndGet();
					if (version % 10 == 0) {
						redis.del("products::" + key);
					}
					else {
						redis.set("products::" + key, "[\"~\",1,0,\"v" + version + "\"]");
					}
					record(key, version, System.nanoTime());
				}
				catch (RuntimeException ex) {
					// Not acknowledged: neither a replacement nor a version reads are
					// judged by.
				}
				finally {
					this.writes.readLock().unlock();
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}));
	}

	/**
	 * Start reading through a cache of one instance.
	 * @param reader the cache
	 */
	void read(Cache reader) {
		this.traffic.add(this.threads.submit(() -> {
			while (this.running) {
				int key = ThreadLocalRandom.current().nextInt(this.keys.size());
				long start = System.nanoTime();
				String value = reader.get(this.keys.get(key), String.class);
				if (value != null) {
					this.reads.add(new long[] { start, key, Long.parseLong(value.substring(1)) });
				}
				LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
			}
		}));
	}

	/**
	 * Inject a fault and count it.
	 * @param name the fault's name in the report
	 * @param fault the fault
	 */
	void inject(String name, Runnable fault) {
		fault.run();
		this.faults.merge(name, 1, Integer::sum);
	}

	/**
	 * Inject a fault that changes the given keys at once (a flush, a restart that loses
	 * the data), with writes held back, recorded as a write of each.
	 * @param name the fault's name in the report
	 * @param changed the keys it changes
	 * @param fault the fault
	 */
	void injectChanging(String name, Collection<String> changed, Runnable fault) {
		this.writes.writeLock().lock();
		try {
			fault.run();
			long version = this.versions.incrementAndGet();
			long at = System.nanoTime();
			changed.forEach((key) -> record(key, version, at));
		}
		finally {
			this.writes.writeLock().unlock();
		}
		this.faults.merge(name, 1, Integer::sum);
	}

	/**
	 * Hold the writes back while an action runs.
	 * @param action the action
	 */
	void withoutWrites(Runnable action) {
		this.writes.writeLock().lock();
		try {
			action.run();
		}
		finally {
			this.writes.writeLock().unlock();
		}
	}

	/**
	 * Let traffic run for at least twice the bound and the given number of reads, so that
	 * a late stale read after a fault has the time to happen and be counted.
	 * @param reads the reads to wait for
	 */
	void settle(int reads) {
		long until = System.nanoTime() + this.bound.multipliedBy(2).toNanos();
		int before = this.reads.size();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> System.nanoTime() > until && this.reads.size() >= before + reads);
	}

	private void record(String key, long version, long at) {
		this.acknowledged.computeIfAbsent(key, (k) -> Collections.synchronizedList(new ArrayList<>()))
			.add(new long[] { version, at });
	}

	/**
	 * Stop the traffic and judge every read.
	 * @return the report
	 */
	Report judge() throws Exception {
		this.running = false;
		for (Future<?> task : this.traffic) {
			task.get(30, TimeUnit.SECONDS);
		}
		List<String> violations = new ArrayList<>();
		long worstLag = 0;
		long limit = this.bound.toNanos();
		synchronized (this.reads) {
			for (long[] read : this.reads) {
				String key = this.keys.get((int) read[1]);
				List<long[]> history = this.acknowledged.getOrDefault(key, List.of());
				synchronized (history) {
					if (history.stream().noneMatch((write) -> write[0] == read[2])) {
						continue;
					}
					// The first acknowledged write after the version read is the earliest
					// that replaced it.
					long[] replaced = history.stream().filter((write) -> write[0] > read[2]).findFirst().orElse(null);
					if (replaced != null) {
						long lag = read[0] - replaced[1];
						worstLag = Math.max(worstLag, lag);
						if (lag > limit) {
							violations.add(key + ": read " + TimeUnit.NANOSECONDS.toMillis(lag) + " ms after v"
									+ replaced[0] + " was acknowledged returned v" + read[2]);
						}
					}
				}
			}
		}
		int writeCount = this.acknowledged.values().stream().mapToInt(List::size).sum();
		return new Report(this.reads.size(), writeCount, Map.copyOf(this.faults), Duration.ofNanos(worstLag),
				this.bound, violations);
	}

	@Override
	public void close() {
		this.running = false;
		this.threads.shutdownNow();
	}

	/**
	 * What a run found.
	 *
	 * @param reads reads that returned a value
	 * @param writes acknowledged writes, faults that changed keys included
	 * @param faults how many of each fault were injected
	 * @param worstLag the longest time a read started after the write that replaced the
	 * version it returned
	 * @param bound the bound promised
	 * @param violations reads past the bound
	 */
	record Report(int reads, int writes, Map<String, Integer> faults, Duration worstLag, Duration bound,
			List<String> violations) {

		@Override
		public String toString() {
			return this.reads + " reads, " + this.writes + " acknowledged writes, faults " + new TreeMap<>(this.faults)
					+ ", worst lag " + this.worstLag.toMillis() + " ms (bound " + this.bound.toMillis() + " ms), "
					+ this.violations.size() + " violations";
		}

	}

}
