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
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingInvalidationsTests {

	private final PendingInvalidations pending = new PendingInvalidations(3);

	@Test
	void aPendingEvictionMakesOnlyThatKeyMiss() {
		this.pending.evict("products", key("products::1"));
		assertThat(this.pending.mustMiss("products", key("products::1"))).isTrue();
		assertThat(this.pending.mustMiss("products", key("products::2"))).isFalse();
		assertThat(this.pending.mustMiss("orders", key("products::1"))).isFalse();
		assertThat(this.pending.size()).isOne();
		assertThat(this.pending.size("products")).isOne();
	}

	@Test
	void evictingTheSameKeyTwiceIsRememberedOnce() {
		this.pending.evict("products", key("products::1"));
		this.pending.evict("products", key("products::1"));
		assertThat(this.pending.size()).isOne();
	}

	@Test
	void evictionsPastTheBoundBecomeAClearOfTheCache() {
		for (int i = 1; i <= 4; i++) {
			this.pending.evict("products", key("products::" + i));
		}
		assertThat(this.pending.size()).as("one clear").isOne();
		assertThat(this.pending.mustMiss("products", key("products::99"))).isTrue();
		List<PendingInvalidations.Replay> replays = this.pending.snapshot();
		assertThat(replays).singleElement().satisfies((replay) -> {
			assertThat(replay.clear()).isTrue();
			assertThat(replay.keys()).isEmpty();
		});
		this.pending.evict("products", key("products::5"));
		assertThat(this.pending.size()).as("evictions during a pending clear are remembered for after it").isEqualTo(2);
	}

	@Test
	void aClearReplacesPendingEvictions() {
		this.pending.evict("products", key("products::1"));
		this.pending.evict("products", key("products::2"));
		this.pending.clear("products");
		assertThat(this.pending.size()).isOne();
		assertThat(this.pending.size("products")).isOne();
		this.pending.cleared("products", this.pending.snapshot().get(0).clearVersion());
		assertThat(this.pending.size()).isZero();
		assertThat(this.pending.mustMiss("products", key("products::1"))).isFalse();
	}

	@Test
	void replayedEvictionsAreForgottenOneByOne() {
		this.pending.evict("products", key("products::1"));
		this.pending.evict("orders", key("orders::7"));
		List<PendingInvalidations.Replay> replays = this.pending.snapshot();
		assertThat(replays).hasSize(2);
		this.pending.evicted("products", key("products::1"), version(replays, "products"));
		assertThat(this.pending.size()).isOne();
		assertThat(this.pending.mustMiss("products", key("products::1"))).isFalse();
		assertThat(this.pending.mustMiss("orders", key("orders::7"))).isTrue();
		this.pending.evicted("orders", key("orders::7"), version(replays, "orders"));
		this.pending.evicted("orders", key("orders::7"), version(replays, "orders"));
		assertThat(this.pending.size()).isZero();
		assertThat(this.pending.snapshot()).isEmpty();
	}

	@Test
	void anInvalidationRememberedDuringAReplayKeepsTheCacheInvalidatedForTheNextRound() {
		this.pending.clear("products");
		long clearVersion = this.pending.snapshot().get(0).clearVersion();
		// While the clear's SCAN runs, a write and a failed eviction of a key it passed.
		this.pending.evict("products", key("products::9"));
		this.pending.cleared("products", clearVersion);
		assertThat(this.pending.mustMiss("products", key("products::9"))).as("its eviction runs after the clear")
			.isTrue();
		assertThat(this.pending.mustMiss("products", key("products::8"))).as("the clear ran").isFalse();
		this.pending.evict("orders", key("orders::1"));
		long evictVersion = version(this.pending.snapshot(), "orders");
		this.pending.evict("orders", key("orders::1"));
		this.pending.evicted("orders", key("orders::1"), evictVersion);
		assertThat(this.pending.mustMiss("orders", key("orders::1"))).as("evicted again after the new write").isTrue();
		this.pending.evicted("orders", key("orders::1"), version(this.pending.snapshot(), "orders"));
		assertThat(this.pending.mustMiss("orders", key("orders::1"))).isFalse();
	}

	private static long version(List<PendingInvalidations.Replay> replays, String cacheName) {
		return replays.stream()
			.filter((replay) -> replay.cacheName().equals(cacheName))
			.findFirst()
			.orElseThrow()
			.keys()
			.get(0)
			.version();
	}

	@Test
	void aContinuousStreamOfEvictionsDrainsKeyByKey() {
		PendingInvalidations bounded = new PendingInvalidations(10_000);
		long replayed = 0;
		for (int round = 0; round < 100; round++) {
			for (int i = 0; i < 100; i++) {
				bounded.evict("products", key("products::" + round + "-" + i));
			}
			List<PendingInvalidations.Replay> snapshot = bounded.snapshot();
			// Evictions keep arriving while the replay runs.
			bounded.evict("products", key("products::late-" + round));
			for (PendingInvalidations.Replay replay : snapshot) {
				for (PendingInvalidations.PendingKey pendingKey : replay.keys()) {
					bounded.evicted(replay.cacheName(), pendingKey.key(), pendingKey.version());
					replayed++;
				}
			}
			assertThat(bounded.size()).as("only what arrived during the replay").isOne();
		}
		assertThat(replayed).isEqualTo(100 * 100 + 99);
		assertThat(bounded.snapshot()).singleElement().satisfies((replay) -> assertThat(replay.clear()).isFalse());
	}

	@Test
	void theKeyIsCopiedSoACallerReusingItsArrayChangesNothing() {
		byte[] reused = key("products::1");
		this.pending.evict("products", reused);
		reused[reused.length - 1] = '2';
		assertThat(this.pending.mustMiss("products", key("products::1"))).isTrue();
		assertThat(this.pending.mustMiss("products", key("products::2"))).isFalse();
	}

	private static byte[] key(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
