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

/**
 * How a cache's values are written: JSON (the default, readable with
 * {@code redis-cli GET}) or one of Jackson's binary formats, which keep everything JSON
 * has (the declared type, the allow-list of class names, unknown properties ignored) in
 * fewer bytes. Entries say how they are written, so every cache reads all three and a
 * cache can change its encoding without a flush.
 *
 * @author redis-cache authors
 */
public enum CacheEncoding {

	/**
	 * JSON text.
	 */
	JSON(0),

	/**
	 * Jackson's Smile (binary JSON with shared property names); needs
	 * {@code jackson-dataformat-smile}, which the starters bring.
	 */
	SMILE(1),

	/**
	 * CBOR (RFC 8949); needs {@code jackson-dataformat-cbor}, which the starters bring.
	 */
	CBOR(2);

	/**
	 * The first byte of a binary or compressed value: {@code 0xC0} plus the encoding,
	 * plus {@link #DEFLATED}. No JSON text starts with a byte from {@code 0xC0} to
	 * {@code 0xC7} (they are not ASCII), so plain JSON needs no tag.
	 */
	private static final int TAG = 0xC0;

	/**
	 * Added to a tag when the rest of the value is deflated.
	 */
	static final int DEFLATED = 0x04;

	private final int bits;

	CacheEncoding(int bits) {
		this.bits = bits;
	}

	/**
	 * Return whether a stored value's first byte is a tag: the value is binary or
	 * compressed, not plain JSON.
	 * @param first the first byte
	 * @return whether it is a tag
	 */
	public static boolean isTag(byte first) {
		int value = first & 0xFF;
		return (value & 0xF8) == TAG && (value & 0x03) != 0x03 && value != TAG;
	}

	byte tag(boolean deflated) {
		return (byte) (TAG | this.bits | (deflated ? DEFLATED : 0));
	}

	static CacheEncoding ofTag(byte tag) {
		return switch (tag & 0x03) {
			case 1 -> SMILE;
			case 2 -> CBOR;
			default -> JSON;
		};
	}

	static boolean isDeflated(byte tag) {
		return (tag & DEFLATED) != 0;
	}

}
