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
package io.github.rediscache.stampede;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EarlyRefreshTests {

	private static final long EXPIRY = 1_000_000;

	@Test
	void refreshesOnceTheDrawnGapReachesTheExpiry() {
		// -ln(1 - 0.5) = 0.693: with a 200 ms load and beta 1 the gap is 138 ms.
		assertThat(policyAt(EXPIRY - 139, 0.5).shouldRefresh(200, EXPIRY, 1.0)).isFalse();
		assertThat(policyAt(EXPIRY - 138, 0.5).shouldRefresh(200, EXPIRY, 1.0)).isTrue();
	}

	@Test
	void largerBetaRefreshesEarlier() {
		assertThat(policyAt(EXPIRY - 270, 0.5).shouldRefresh(200, EXPIRY, 1.0)).isFalse();
		assertThat(policyAt(EXPIRY - 270, 0.5).shouldRefresh(200, EXPIRY, 2.0)).isTrue();
	}

	@Test
	void luckyDrawsRefreshLongBeforeExpiryAndUnluckyOnesNever() {
		assertThat(policyAt(EXPIRY - 10_000, 0.9999).shouldRefresh(200, EXPIRY, 1.0)).isFalse();
		assertThat(policyAt(EXPIRY - 1_000, 0.999).shouldRefresh(200, EXPIRY, 1.0)).isTrue();
		assertThat(policyAt(EXPIRY - 1, 0.0).shouldRefresh(200, EXPIRY, 1.0)).isFalse();
	}

	@Test
	void noDrawIsTakenWhileEvenTheLuckiestDrawCouldNotRefresh() {
		DoubleSupplier noDraw = () -> {
			throw new AssertionError("drew");
		};
		// The luckiest draw below 1 gives a gap of 200 ms x 36.74 = 7,348 ms.
		assertThat(new EarlyRefresh(Clock.fixed(Instant.ofEpochMilli(EXPIRY - 7_349), ZoneOffset.UTC), noDraw)
			.shouldRefresh(200, EXPIRY, 1.0)).isFalse();
		assertThat(policyAt(EXPIRY - 7_347, Math.nextDown(1.0)).shouldRefresh(200, EXPIRY, 1.0)).isTrue();
		assertThat(policyAt(EXPIRY - 7_347, 0.999).shouldRefresh(200, EXPIRY, 1.0)).isFalse();
	}

	@Test
	void entriesWithoutLoadTimeOrExpiryAreNeverRefreshedEarly() {
		assertThat(policyAt(EXPIRY, 0.999).shouldRefresh(0, EXPIRY, 1.0)).isFalse();
		assertThat(policyAt(EXPIRY, 0.999).shouldRefresh(200, 0, 1.0)).isFalse();
	}

	private static EarlyRefresh policyAt(long nowMillis, double draw) {
		return new EarlyRefresh(Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC), () -> draw);
	}

}
