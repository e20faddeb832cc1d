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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.testing.SettableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fill protocol of one near cache, step by step, against a node tracked on a real
 * server: an invalidation that comes while a fill reads wins over the fill, whatever the
 * threads' timing.
 */
@EmbeddedRedis
class NearCacheFillTests {

	private static final byte[] KEY = "products::k".getBytes(StandardCharsets.UTF_8);

	private static final byte[] ENTRY = "[\"~\",1,0,\"v\"]".getBytes(StandardCharsets.UTF_8);

	private final NearCache near = new NearCache(NearCacheSettings.DEFAULTS, (bytes) -> 0, Clock.systemUTC());

	private RedisClient client;

	private TrackedReads reads;

	private TrackedNode node;

	@BeforeEach
	void track(RedisDeployment redis) {
		RedisNode server = redis.nodes().get(0);
		this.client = RedisClient.create(RedisURI.create(server.host(), server.port()));
		this.reads = new TrackedReads(this.client, (node, keys) -> {
		}, Clock.systemUTC(), Duration.ofMinutes(1));
		this.node = this.reads.nodeFor(KEY, Duration.ofSeconds(5));
	}

	@AfterEach
	void close() {
		this.reads.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Test
	void aFillThatNoInvalidationCrossedIsInstalled() {
		NearCache.Fill fill = this.near.startFill(KEY);
		assertThat(fill.leads()).isTrue();
		assertThat(this.near.endFill(KEY, fill, ENTRY, this.node, this.node.epoch())).isTrue();
		assertThat(this.near.hit(KEY)).isNotNull();
	}

	@Test
	void anInvalidationDuringTheReadWinsOverTheFill() {
		NearCache.Fill fill = this.near.startFill(KEY);
		this.near.invalidate(KEY);
		assertThat(this.near.endFill(KEY, fill, ENTRY, this.node, this.node.epoch())).isFalse();
		assertThat(this.near.hit(KEY)).isNull();
		assertThat(this.near.startFill(KEY).leads()).as("the next miss reads again").isTrue();
	}

	@Test
	void aNodeDistrustedDuringTheReadIsNotFilledFrom() {
		int epoch = this.node.epoch();
		NearCache.Fill fill = this.near.startFill(KEY);
		this.node.distrust();
		assertThat(this.near.endFill(KEY, fill, ENTRY, this.node, epoch)).isFalse();
		assertThat(this.near.hit(KEY)).isNull();
	}

	@Test
	void aFlushOfTheNodeDuringTheReadWinsOverTheFill() {
		int epoch = this.node.epoch();
		NearCache.Fill fill = this.near.startFill(KEY);
		// What the near caches do with a null invalidation (FLUSHALL, FLUSHDB): the node
		// forgot what it tracked, so the value read cannot be invalidated any more.
		this.node.forgetFills();
		this.near.invalidate(this.node);
		assertThat(this.near.endFill(KEY, fill, ENTRY, this.node, epoch)).isFalse();
		assertThat(this.near.hit(KEY)).isNull();
		NearCache.Fill next = this.near.startFill(KEY);
		assertThat(next.leads()).as("the next miss reads again").isTrue();
		assertThat(this.near.endFill(KEY, next, ENTRY, this.node, this.node.epoch())).as("and fills").isTrue();
	}

	@Test
	void entriesAreServedOnlyUntilTheValidityAfterTheLastAnsweredCheckOrSwitch() {
		AtomicLong millis = new AtomicLong(System.currentTimeMillis());
		SettableClock clock = new SettableClock(millis);
		NearCache near = new NearCache(NearCacheSettings.DEFAULTS, (bytes) -> 0, clock);
		TrackedReads timed = new TrackedReads(this.client, (node, keys) -> {
		}, clock, Duration.ofMillis(600));
		try {
			TrackedNode node = timed.nodeFor(KEY, Duration.ofSeconds(5));
			NearCache.Fill fill = near.startFill(KEY);
			near.endFill(KEY, fill, ENTRY, node, node.epoch());
			NearCache.Front front = near.front();
			front.put("k", near.hit(KEY));
			millis.addAndGet(599);
			assertThat(near.hit(KEY)).isNotNull();
			assertThat(front.get("k", millis.get())).isNotNull();
			// No check answered since tracking was switched on: however late the next
			// check runs, nothing is served past the bound.
			millis.addAndGet(1);
			assertThat(near.hit(KEY)).isNull();
			assertThat(front.get("k", millis.get())).isNull();
			assertThat(node.check(Duration.ofSeconds(5), Runnable::run).join()).as("distrusted").isFalse();
			await().atMost(Duration.ofSeconds(5)).until(() -> near.hit(KEY) != null);
			assertThat(node.serves(node.epoch(), millis.get() + 599)).isTrue();
		}
		finally {
			timed.close();
		}
	}

	@Test
	void callersThatMissDuringAFillShareItsRead() {
		NearCache.Fill leader = this.near.startFill(KEY);
		NearCache.Fill follower = this.near.startFill(KEY);
		assertThat(follower.leads()).isFalse();
		this.near.endFill(KEY, leader, ENTRY, this.node, this.node.epoch());
		assertThat(follower.await(Duration.ofSeconds(1))).isSameAs(ENTRY);
	}

	@Test
	void anInvalidatedEntryIsNoLongerServedByAFront() {
		NearCache.Fill fill = this.near.startFill(KEY);
		this.near.endFill(KEY, fill, ENTRY, this.node, this.node.epoch());
		NearCache.Front front = this.near.front();
		front.put("k", this.near.hit(KEY));
		assertThat(front.get("k", System.currentTimeMillis())).isNotNull();
		this.near.invalidate(KEY);
		assertThat(front.get("k", System.currentTimeMillis())).isNull();
	}

	@Test
	void withImmutableValuesTheEntryOfTheOnlyViewKeepsItsDecodedInstanceInsteadOfItsBytes() {
		NearCache near = immutable(Clock.systemUTC(), 0);
		NearCache.Front view = near.front();
		NearCache.Filled filled = fill(near, this.node);
		Object value = new Object();
		view.put("k", filled, ENTRY, value, 7);
		NearCache.Served served = view.get("k", System.currentTimeMillis());
		assertThat(served).isSameAs(filled);
		assertThat(served.content()).isSameAs(value);
		assertThat(served.loadMillis()).isEqualTo(7);
		assertThat(near.hit(KEY, view)).as("another key of the same entry").isSameAs(filled);
		NearCache.Fill fill = near.startFill(KEY);
		assertThat(fill.leads()).as("a caller that needs the bytes reads them again").isTrue();
	}

	@Test
	void anotherViewFillsAgainAnEntryThatKeptTheFirstViewsInstanceAndEveryViewThenKeepsItsOwn() {
		NearCache near = immutable(Clock.systemUTC(), 0);
		NearCache.Front unused = near.front();
		NearCache.Front first = near.front();
		NearCache.Front second = near.front();
		NearCache.Filled kept = fill(near, this.node);
		first.put("k", kept, ENTRY, "first", 0);
		assertThat(kept.content()).as("kept by the first view that decoded").isEqualTo("first");
		assertThat(near.hit(KEY, unused)).isNull();
		assertThat(near.hit(KEY, second)).as("the first view's instance is not the second's").isNull();
		NearCache.Filled refilled = fill(near, this.node);
		assertThat(refilled.content()).isSameAs(ENTRY);
		assertThat(first.get("k", System.currentTimeMillis())).as("the replaced entry is not served").isNull();
		first.put("k", refilled, ENTRY, "first", 0);
		second.put("k", refilled, ENTRY, "second", 0);
		assertThat(refilled.content()).as("bytes kept for every view").isSameAs(ENTRY);
		assertThat(first.get("k", System.currentTimeMillis()).content()).isEqualTo("first");
		assertThat(second.get("k", System.currentTimeMillis()).content()).isEqualTo("second");
	}

	@Test
	void aByteArrayValueIsDecodedPerHitRatherThanKeptWhereTheEntrysBytesAre() {
		NearCache near = immutable(Clock.systemUTC(), 0);
		NearCache.Front view = near.front();
		NearCache.Filled filled = fill(near, this.node);
		view.put("k", filled, ENTRY, new byte[] { 1 }, 0);
		assertThat(view.get("k", System.currentTimeMillis()).content()).isSameAs(ENTRY);
	}

	@Test
	void anEntryIsServedUntilItsRedisExpiryAndSweptAfter() {
		AtomicLong millis = new AtomicLong(System.currentTimeMillis());
		NearCache near = immutable(new SettableClock(millis), millis.get() + 1000);
		NearCache.Front view = near.front();
		view.put("k", fill(near, this.node), ENTRY, "v", 0);
		millis.addAndGet(999);
		assertThat(near.hit(KEY)).isNotNull();
		assertThat(view.get("k", millis.get())).isNotNull();
		millis.addAndGet(1);
		assertThat(near.hit(KEY)).isNull();
		assertThat(view.get("k", millis.get())).isNull();
		assertThat(near.size()).isEqualTo(1);
		near.sweep();
		assertThat(near.size()).isZero();
	}

	private static NearCache immutable(Clock clock, long expiresAt) {
		NearCacheSettings defaults = NearCacheSettings.DEFAULTS;
		return new NearCache(
				new NearCacheSettings(defaults.maxSize(), defaults.maxTtl(), defaults.checkInterval(), true),
				(bytes) -> expiresAt, clock);
	}

	private static NearCache.Filled fill(NearCache near, TrackedNode node) {
		NearCache.Fill fill = near.startFill(KEY);
		assertThat(near.endFill(KEY, fill, ENTRY, node, node.epoch())).isTrue();
		return near.hit(KEY);
	}

}
