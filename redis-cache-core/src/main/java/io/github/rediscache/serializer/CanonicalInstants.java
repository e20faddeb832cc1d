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

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.lang.Nullable;

/**
 * Reads the one text form of an {@link Instant} that the cache writes,
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} ({@link Instant#toString()}, Jackson's
 * {@code ISO_INSTANT}), without {@code DateTimeFormatter}: parsing it with the formatter
 * was a quarter of a warm hit's CPU (docs/benchmarks.md, "Where a hit's time goes").
 * Anything else (another form, a leap second, a year beyond four digits, an invalid date)
 * returns {@code null}, and the caller parses it as Jackson would, so that the result and
 * the errors are Jackson's own.
 *
 * @author redis-cache authors
 */
final class CanonicalInstants {

	private static final int[] FRACTION_SCALE = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
			10, 1 };

	private CanonicalInstants() {
	}

	/**
	 * Parse the canonical text form of an instant.
	 * @param text the text
	 * @return the instant, or {@code null} if the text is not in the canonical form
	 */
	@Nullable
	static Instant parse(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
				|| second > 59) {
			return null;
		}
		int nanos = 0;
		if (length > 20) {
			int fractionDigits = length - 21;
			if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
				return null;
			}
			int fraction = digits(text, 20, fractionDigits);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction * FRACTION_SCALE[fractionDigits];
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
	}

	/**
	 * Return the number the digits at a position spell, or -1 if one is not a digit.
	 */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
