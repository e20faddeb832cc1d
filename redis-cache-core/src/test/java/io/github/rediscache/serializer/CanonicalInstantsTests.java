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
package io.github.rediscache.serializer;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalInstantsTests {

	@Test
	void everyInstantOfFourDigitYearsReadsAsTheJdkReadsIt() {
		SplittableRandom random = new SplittableRandom(20261207);
		long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 200_000; i++) {
			long seconds = random.nextLong(min, max + 1);
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(seconds, nanos);
			String text = DateTimeFormatter.ISO_INSTANT.format(instant);
			assertThat(CanonicalInstants.parse(text)).as(text).isEqualTo(instant).isEqualTo(Instant.parse(text));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-26T10:15:30.1Z", "2026-11-26T10:15:30.12Z", "2026-11-26T10:15:30.1234Z",
			"2026-11-26T10:15:30.12345Z", "2026-11-26T10:15:30.12345678Z", "2026-11-26T10:15:30.000000001Z",
			"2024-02-29T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z" })
	void fractionsOfAnyLengthReadAsTheJdkReadsThem(String text) {
		assertThat(CanonicalInstants.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-12-31T23:59:60Z", "+12026-11-26T10:15:30Z", "-0001-11-26T10:15:30Z",
			"2026-02-29T10:15:30Z", "2026-13-01T10:15:30Z", "2026-00-01T10:15:30Z", "2026-11-31T10:15:30Z",
			"2026-11-26T24:00:00Z", "2026-11-26T10:60:30Z", "2026-11-26T10:15:30z", "2026-11-26T10:15:30+01:00",
			"2026-11-26T10:15Z", "2026-11-26 10:15:30Z", "2026-11-26T10:15:30.Z", "2026-11-26T10:15:30.1234567890Z",
			"2026-11-26T10:15:30,5Z", "2026-11-26T1a:15:30Z", "2026-1１-26T10:15:30Z", " 2026-11-26T10:15:30Z",
			"1795774530", "" })
	void anyOtherFormIsLeftToJackson(String text) {
		assertThat(CanonicalInstants.parse(text)).isNull();
	}

}
