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

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * JSON of one declared type, written and read by one Jackson writer and one reader, of
 * either Jackson generation. Null is stored as no bytes.
 *
 * @author redis-cache authors
 */
final class JsonBytesSerializer implements RedisSerializer<Object> {

	private final Writer writer;

	private final Reader reader;

	JsonBytesSerializer(Writer writer, Reader reader) {
		this.writer = writer;
		this.reader = reader;
	}

	@Override
	public byte[] serialize(Object value) {
		if (value == null) {
			return new byte[0];
		}
		try {
			return this.writer.write(value);
		}
		catch (Exception ex) {
			throw new SerializationException("Could not write JSON: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Object deserialize(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		try {
			return this.reader.read(bytes);
		}
		catch (Exception ex) {
			throw new SerializationException("Could not read JSON: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A Jackson writer's {@code writeValueAsBytes}.
	 */
	@FunctionalInterface
	interface Writer {

		byte[] write(Object value) throws Exception;

	}

	/**
	 * A Jackson reader's {@code readValue}.
	 */
	@FunctionalInterface
	interface Reader {

		Object read(byte[] bytes) throws Exception;

	}

}
