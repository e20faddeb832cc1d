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

import io.github.rediscache.settings.InvalidSettingException;

import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * How the values of a cache become bytes: their encoding, and the size above which they
 * are compressed.
 *
 * @param encoding the encoding
 * @param compressAbove values whose encoded form is larger are deflated; {@code null}
 * never to compress
 * @author redis-cache authors
 */
public record ValueFormat(CacheEncoding encoding, @Nullable DataSize compressAbove) {

	/**
	 * JSON, never compressed.
	 */
	public static final ValueFormat DEFAULT = new ValueFormat(CacheEncoding.JSON, null);

	/**
	 * Validate the format.
	 * @param encoding the encoding
	 * @param compressAbove zero or more bytes, or {@code null}
	 */
	public ValueFormat {
		if (encoding == null) {
			throw new InvalidSettingException("encoding", null, "is required", "Use json, smile or cbor.");
		}
		if (compressAbove != null && (compressAbove.isNegative() || compressAbove.toBytes() > Integer.MAX_VALUE)) {
			throw new InvalidSettingException("compress-above", compressAbove, "must be from 0 bytes to 2 GB",
					"Use a size such as 1KB, or leave it unset never to compress.");
		}
	}

	int compressAboveBytes() {
		return (this.compressAbove != null) ? (int) this.compressAbove.toBytes() : Integer.MAX_VALUE;
	}

}
