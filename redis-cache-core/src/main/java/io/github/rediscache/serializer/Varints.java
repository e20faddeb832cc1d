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

import java.io.ByteArrayOutputStream;

import org.springframework.data.redis.serializer.SerializationException;

/**
 * Unsigned LEB128 numbers, as protobuf writes them: seven bits a byte, low bits first.
 *
 * @author redis-cache authors
 */
public final class Varints {

	private Varints() {
	}

	/**
	 * Write a number that is not negative.
	 * @param out where to write
	 * @param value the number
	 */
	public static void write(ByteArrayOutputStream out, long value) {
		long rest = value;
		while ((rest & ~0x7FL) != 0) {
			out.write((int) ((rest & 0x7F) | 0x80));
			rest >>>= 7;
		}
		out.write((int) rest);
	}

	/**
	 * Read a number.
	 * @param bytes the bytes
	 * @param position the index to read at, moved past the number
	 * @return the number
	 * @throws SerializationException if the bytes end first or the number has more than
	 * 63 bits
	 */
	public static long read(byte[] bytes, int[] position) {
		long value = 0;
		for (int shift = 0; shift < 63; shift += 7) {
			if (position[0] >= bytes.length) {
				throw new SerializationException("Malformed cache entry: a number runs past its end");
			}
			int b = bytes[position[0]++];
			value |= (long) (b & 0x7F) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new SerializationException("Malformed cache entry: a number of more than 63 bits");
	}

}
