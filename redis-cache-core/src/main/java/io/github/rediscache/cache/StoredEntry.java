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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.serializer.Varints;

import org.springframework.data.redis.serializer.SerializationException;

/**
 * The bytes of a cache entry in Redis: how long the value took to load and when it
 * expires (both for early refresh), and the serialized value. A JSON value is wrapped in
 * a JSON array with a marker, for example
 * {@code ["~",212,1764151530123,{"@class":"com.example.Product",...}]}, so the entry
 * stays JSON that {@code redis-cli GET} shows as it is. A binary or compressed value,
 * which starts with a {@link CacheEncoding#isTag tag} byte, keeps the tag first and
 * carries the two numbers as varints after it: a few bytes instead of about 25. Bytes
 * without either (written by another client) are read as a value with no load time, which
 * is never refreshed early.
 *
 * @param loadMillis how long the value took to load, 0 if unknown
 * @param expiresAtMillis when the entry expires in epoch milliseconds, 0 if unknown
 * @param payload the serialized value
 * @author redis-cache authors
 */
record StoredEntry(long loadMillis, long expiresAtMillis, byte[] payload) {

	private static final byte[] MARK = "[\"~\",".getBytes(StandardCharsets.US_ASCII);

	byte[] encode() {
		if (this.payload.length > 0 && CacheEncoding.isTag(this.payload[0])) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(this.payload.length + 12);
			out.write(this.payload[0]);
			Varints.write(out, this.loadMillis);
			Varints.write(out, this.expiresAtMillis);
			out.write(this.payload, 1, this.payload.length - 1);
			return out.toByteArray();
		}
		byte[] header = ("[\"~\"," + this.loadMillis + "," + this.expiresAtMillis + ",")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = Arrays.copyOf(header, header.length + this.payload.length + 1);
		System.arraycopy(this.payload, 0, bytes, header.length, this.payload.length);
		bytes[bytes.length - 1] = ']';
		return bytes;
	}

	static StoredEntry decode(byte[] bytes) {
		if (bytes.length > 0 && CacheEncoding.isTag(bytes[0])) {
			return decodeBinary(bytes);
		}
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

	private static StoredEntry decodeBinary(byte[] bytes) {
		int[] position = { 1 };
		long load = Varints.read(bytes, position);
		long expiry = Varints.read(bytes, position);
		if (position[0] >= bytes.length) {
			throw new SerializationException("Malformed cache entry: no value after the load time and expiry");
		}
		byte[] payload = new byte[bytes.length - position[0] + 1];
		payload[0] = bytes[0];
		System.arraycopy(bytes, position[0], payload, 1, bytes.length - position[0]);
		return new StoredEntry(load, expiry, payload);
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
