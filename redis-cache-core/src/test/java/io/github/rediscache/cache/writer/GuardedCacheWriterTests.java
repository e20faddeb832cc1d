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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.RedisUnavailableException;
import io.github.rediscache.testing.SwitchableGuard;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.cache.CacheStatisticsCollector;
import org.springframework.data.redis.cache.RedisCacheWriter;

import static io.github.rediscache.cache.writer.RecordingCacheWriter.bytes;
import static io.github.rediscache.cache.writer.RecordingCacheWriter.text;
import static org.assertj.core.api.Assertions.assertThat;

class GuardedCacheWriterTests {

	private static final Duration TTL = Duration.ofMinutes(1);

	private final RecordingCacheWriter redis = new RecordingCacheWriter();

	private final SwitchableGuard guard = new SwitchableGuard();

	private final List<String> fallbacks = new ArrayList<>();

	private final List<Runnable> scheduled = new ArrayList<>();

	private final List<Duration> delays = new ArrayList<>();

	private final CacheStatisticsCollector statistics = CacheStatisticsCollector.create();

	private final GuardedCacheWriter writer = writer(this::schedule, 10);

	@Test
	void aReadThatCannotReachRedisIsACountedMiss() {
		this.redis.entries.put("products::1", bytes("v1"));
		this.guard.up(false);
		assertThat(this.writer.get("products", bytes("products::1"))).isNull();
		assertThat(this.fallbacks).containsExactly("products:connection");
		assertThat(this.statistics.getCacheStatistics("products").getMisses()).isOne();
	}

	@Test
	void aWriteThatCannotReachRedisIsSkippedWithoutAnException() {
		this.guard.up(false);
		this.writer.put("products", bytes("products::1"), bytes("v1"), TTL);
		assertThat(this.writer.putIfAbsent("products", bytes("products::2"), bytes("v2"), TTL)).isNull();
		assertThat(this.redis.entries).isEmpty();
		assertThat(this.fallbacks).containsExactly("products:connection", "products:connection");
	}

	@Test
	void aPutThatCannotReachRedisIsRememberedLikeAnEvictionButAFillAfterALoadIsNot() {
		this.redis.entries.put("products::1", bytes("old"));
		this.redis.entries.put("products::2", bytes("valid"));
		this.guard.up(false);
		this.writer.put("products", bytes("products::1"), bytes("new"), TTL);
		this.writer.putLoaded("products", bytes("products::2"), bytes("loaded"), TTL);
		this.guard.up(true);
		assertThat(this.writer.get("products", bytes("products::1"))).as("the replaced value is never served").isNull();
		assertThat(text(this.writer.get("products", bytes("products::2")))).isEqualTo("valid");
		this.scheduled.get(this.scheduled.size() - 1).run();
		assertThat(this.redis.entries).doesNotContainKey("products::1").containsKey("products::2");
	}

	@Test
	void anEvictionThatCannotReachRedisMakesTheKeyMissUntilItIsReplayed() {
		this.redis.entries.put("products::1", bytes("old"));
		this.redis.entries.put("products::2", bytes("other"));
		this.guard.up(false);
		this.writer.remove("products", bytes("products::1"));
		this.guard.up(true);
		assertThat(this.writer.get("products", bytes("products::1"))).as("the old value is never served").isNull();
		assertThat(this.redis.calls).doesNotContain("get products::1");
		assertThat(text(this.writer.get("products", bytes("products::2")))).isEqualTo("other");
		assertThat(this.delays).as("a retry, then a replay at once after the successful read")
			.containsExactly(Duration.ofSeconds(1), Duration.ZERO);
		this.scheduled.remove(1).run();
		assertThat(this.redis.entries).doesNotContainKey("products::1");
		assertThat(this.writer.get("products", bytes("products::1"))).isNull();
		assertThat(this.redis.calls).contains("remove products::1", "get products::1");
	}

	@Test
	void aClearThatCannotReachRedisIsReplayedWithTheCachesPattern() {
		this.redis.entries.put("products::1", bytes("p"));
		this.redis.entries.put("orders::1", bytes("o"));
		this.guard.up(false);
		this.writer.clean("products", bytes("products::*"));
		this.guard.up(true);
		assertThat(this.writer.get("products", bytes("products::1"))).isNull();
		assertThat(text(this.writer.get("orders", bytes("orders::1")))).isEqualTo("o");
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).contains("clean products::*");
		assertThat(this.writer.get("products", bytes("products::1"))).as("no longer pending").isNull();
		assertThat(this.redis.calls).contains("get products::1");
	}

	@Test
	void evictionsPastTheBoundAreReplayedAsAClearWithThePatternPassedIn() {
		GuardedCacheWriter bounded = writer(this::schedule, 2);
		this.guard.up(false);
		for (int i = 1; i <= 3; i++) {
			bounded.remove("products", bytes("products::" + i));
		}
		this.guard.up(true);
		bounded.get("orders", bytes("orders::1"));
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).contains("clean products::*").doesNotContain("remove products::1");
	}

	@Test
	void aWriterWithAnotherStatisticsCollectorStillReplaysClears() {
		RedisCacheWriter counted = this.writer.withStatisticsCollector(CacheStatisticsCollector.create());
		this.guard.up(false);
		counted.clean("products", bytes("products::first-attempt*"));
		this.guard.up(true);
		counted.get("orders", bytes("orders::1"));
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).as("replayed with the pattern the writer was given")
			.containsExactly("get orders::1", "clean products::*");
	}

	@Test
	void aReplayThatFailsKeepsWhatIsPendingForTheNextSuccess() {
		this.guard.up(false);
		this.writer.remove("products", bytes("products::1"));
		this.guard.up(true);
		this.writer.get("orders", bytes("orders::1"));
		this.guard.up(false);
		this.scheduled.remove(1).run();
		assertThat(this.redis.calls).doesNotContain("remove products::1");
		assertThat(this.scheduled).as("the retry is still scheduled").hasSize(1);
		this.guard.up(true);
		this.writer.get("orders", bytes("orders::1"));
		assertThat(this.scheduled).as("the next success schedules a replay at once").hasSize(2);
		this.scheduled.remove(1).run();
		assertThat(this.redis.calls).contains("remove products::1");
	}

	@Test
	void aFailedShardKeepsItsKeysPendingWhileTheOtherShardsAreReplayed() {
		GuardedCacheWriter sharded = new GuardedCacheWriter(this.redis, new ShardedGuard(),
				new PendingInvalidations(10), this.statistics,
				(cache, reason) -> this.fallbacks.add(cache + ":" + reason.tag()), (cache) -> bytes(cache + "::*"),
				this::schedule);
		this.guard.up(false);
		sharded.remove("products", bytes("products::a-1"));
		sharded.remove("products", bytes("products::b-1"));
		sharded.remove("products", bytes("products::a-2"));
		this.guard.up(true);
		this.downShard = "a";
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).as("shard a skipped after its first failure, shard b replayed")
			.containsExactly("remove products::b-1");
		assertThat(sharded.get("products", bytes("products::b-1"))).isNull();
		assertThat(this.redis.calls).as("b-1 is no longer a forced miss").contains("get products::b-1");
		assertThat(sharded.get("products", bytes("products::a-1"))).isNull();
		assertThat(this.redis.calls).doesNotContain("get products::a-1");
		this.downShard = null;
		this.scheduled.remove(this.scheduled.size() - 1).run();
		assertThat(this.redis.calls).contains("remove products::a-1", "remove products::a-2");
	}

	@Test
	void aRememberedInvalidationIsRetriedEverySecondWithoutTraffic() {
		this.guard.up(false);
		this.writer.remove("products", bytes("products::1"));
		assertThat(this.delays).containsExactly(Duration.ofSeconds(1));
		this.scheduled.remove(0).run();
		assertThat(this.delays).as("retried while Redis is down")
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
		this.guard.up(true);
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).containsExactly("remove products::1");
		assertThat(this.scheduled).as("nothing left to replay").isEmpty();
	}

	@Test
	void aSuccessReplaysAtOnceWithoutWaitingForTheRetry() {
		this.guard.up(false);
		this.writer.remove("products", bytes("products::1"));
		this.guard.up(true);
		this.writer.get("orders", bytes("orders::1"));
		assertThat(this.delays).containsExactly(Duration.ofSeconds(1), Duration.ZERO);
		this.scheduled.remove(1).run();
		assertThat(this.redis.calls).contains("remove products::1");
		this.scheduled.remove(0).run();
		assertThat(this.redis.calls).as("the retry finds nothing left").containsOnlyOnce("remove products::1");
	}

	@Test
	void aShutDownExecutorLeavesInvalidationsPending() {
		GuardedCacheWriter stopped = writer((task, delay) -> {
			throw new RejectedExecutionException("shut down");
		}, 10);
		this.guard.up(false);
		stopped.remove("products", bytes("products::1"));
		this.guard.up(true);
		stopped.get("orders", bytes("orders::1"));
		assertThat(stopped.get("products", bytes("products::1"))).isNull();
		assertThat(this.redis.calls).doesNotContain("remove products::1", "get products::1");
	}

	private volatile String downShard;

	/**
	 * Shard "a" for keys whose id starts with a, "b" otherwise; the shard named by
	 * downShard fails, and the switchable guard decides for all.
	 */
	private final class ShardedGuard implements RedisGuard {

		@Override
		public <T> T call(byte[] routingKey, Supplier<T> call) {
			String shard = shardOf(routingKey);
			if (shard != null && shard.equals(GuardedCacheWriterTests.this.downShard)) {
				throw new RedisUnavailableException(FallbackReason.CONNECTION, null);
			}
			return GuardedCacheWriterTests.this.guard.call(routingKey, call);
		}

		@Override
		public String shardOf(byte[] routingKey) {
			if (routingKey == null) {
				return null;
			}
			String key = text(routingKey);
			return key.substring(key.indexOf("::") + 2).startsWith("a") ? "a" : "b";
		}

	}

	private void schedule(Runnable task, Duration delay) {
		this.scheduled.add(task);
		this.delays.add(delay);
	}

	private GuardedCacheWriter writer(GuardedCacheWriter.ReplayScheduler scheduler, int maxPendingPerCache) {
		return new GuardedCacheWriter(this.redis, this.guard, new PendingInvalidations(maxPendingPerCache),
				this.statistics, (cache, reason) -> this.fallbacks.add(cache + ":" + reason.tag()),
				(cache) -> bytes(cache + "::*"), scheduler);
	}

}
