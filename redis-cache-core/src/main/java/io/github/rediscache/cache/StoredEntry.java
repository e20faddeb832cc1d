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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.data.redis.serializer.SerializationException;

/**
 * The bytes of a cache entry in Redis: a JSON array of a marker, how long the value took
 * to load and when it expires (both for early refresh), and the serialized value, for
 * example {@code ["~",212,1764151530123,{"@class":"com.example.Product",...}]}. The entry
 * stays JSON that {@code redis-cli GET} shows as it is. Bytes without the marker (written
 * by another client) are read as a value with no load time, which is never refreshed
 * early.
 *
 * @param loadMillis how long the value took to load, 0 if unknown
 * @param expiresAtMillis when the entry expires in epoch milliseconds, 0 if unknown
 * @param payload the serialized value
 * @author redis-cache authors
 */
record StoredEntry(long loadMillis, long expiresAtMillis, byte[] payload) {

	private static final byte[] MARK = "[\"~\",".getBytes(StandardCharsets.US_ASCII);

	byte[] encode() {
		byte[] header = ("[\"~\"," + this.loadMillis + "," + this.expiresAtMillis + ",")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = Arrays.copyOf(header, header.length + this.payload.length + 1);
		System.arraycopy(this.payload, 0, bytes, header.length, this.payload.length);
		bytes[bytes.length - 1] = ']';
		return bytes;
	}

	static StoredEntry decode(byte[] bytes) {
		if (!Arrays.equals(bytes, 0, Math.min(bytes.length, MARK.length), MARK, 0, MARK.length)) {
			return new StoredEntry(0, 0, bytes);
		}
		int first = indexOfComma(bytes, MARK.length);
		int second = (first > 0) ? indexOfComma(bytes, first + 1) : -1;
		if (second < 0 || bytes[bytes.length - 1] != ']') {
			throw new SerializationException("Malformed cache entry: no load time and expiry before the value");
		}
		try {
			long load = parse(bytes, MARK.length, first);
			long expiry = parse(bytes, first + 1, second);
			return new StoredEntry(load, expiry, Arrays.copyOfRange(bytes, second + 1, bytes.length - 1));
		}
		catch (NumberFormatException ex) {
			throw new SerializationException("Malformed cache entry: " + ex.getMessage(), ex);
		}
	}

	private static long parse(byte[] bytes, int from, int to) {
		if (from >= to) {
			throw new NumberFormatException("no digits");
		}
		long value = 0;
		for (int i = from; i < to; i++) {
			int digit = bytes[i] - '0';
			if (digit < 0 || digit > 9) {
				throw new NumberFormatException("'" + (char) bytes[i] + "' is not a digit");
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static int indexOfComma(byte[] bytes, int from) {
		for (int i = from; i < Math.min(bytes.length, from + 21); i++) {
			if (bytes[i] == ',') {
				return i;
			}
		}
		return -1;
	}

}
