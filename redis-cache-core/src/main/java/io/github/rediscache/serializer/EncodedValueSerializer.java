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
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Values of one declared type in one {@link ValueFormat}, written and read by Jackson
 * writers and readers of either generation. JSON is stored as it is; a binary or
 * compressed value starts with a {@link CacheEncoding#isTag tag} byte that says how the
 * rest is written, so a value is read in the encoding it was written in, whatever this
 * serializer writes. Null is stored as no bytes.
 *
 * <p>
 * Compression is the JDK's deflate (no native code, no dependency); values under the
 * threshold stay as they are, since deflate gains nothing on the short values most caches
 * hold. A deflated value records its length, and is refused if that length is more than
 * {@value #MAX_RATIO} times its compressed size, so a hostile entry cannot make a reader
 * allocate without bound.
 *
 * @author redis-cache authors
 */
final class EncodedValueSerializer implements RedisSerializer<Object> {

	private static final int MAX_RATIO = 1024;

	/**
	 * One deflater per thread, reset between values: making one costs more than a value.
	 */
	private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal
		.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

	private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(() -> new Inflater(true));

	private final Codecs codecs;

	private final CacheEncoding encoding;

	private final int compressAbove;

	EncodedValueSerializer(Codecs codecs, ValueFormat format) {
		this.codecs = codecs;
		this.encoding = format.encoding();
		this.compressAbove = format.compressAboveBytes();
		codecs.get(this.encoding);
	}

	@Override
	public byte[] serialize(Object value) {
		if (value == null) {
			return new byte[0];
		}
		byte[] encoded;
		try {
			encoded = this.codecs.get(this.encoding).writer().write(value);
		}
		catch (Exception ex) {
			throw new SerializationException("Could not write " + this.encoding + ": " + ex.getMessage(), ex);
		}
		if (encoded.length > this.compressAbove) {
			return deflate(encoded);
		}
		if (this.encoding == CacheEncoding.JSON) {
			return encoded;
		}
		byte[] tagged = new byte[encoded.length + 1];
		tagged[0] = this.encoding.tag(false);
		System.arraycopy(encoded, 0, tagged, 1, encoded.length);
		return tagged;
	}

	@Override
	public Object deserialize(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		if (!CacheEncoding.isTag(bytes[0])) {
			return read(CacheEncoding.JSON, bytes, 0, bytes.length);
		}
		CacheEncoding written = CacheEncoding.ofTag(bytes[0]);
		if (CacheEncoding.isDeflated(bytes[0])) {
			byte[] inflated = inflate(bytes);
			return read(written, inflated, 0, inflated.length);
		}
		return read(written, bytes, 1, bytes.length - 1);
	}

	private Object read(CacheEncoding written, byte[] bytes, int offset, int length) {
		Codec codec;
		try {
			codec = this.codecs.get(written);
		}
		catch (IllegalStateException ex) {
			throw new SerializationException(ex.getMessage(), ex);
		}
		try {
			return codec.reader().read(bytes, offset, length);
		}
		catch (Exception ex) {
			throw new SerializationException("Could not read " + written + ": " + ex.getMessage(), ex);
		}
	}

	private byte[] deflate(byte[] encoded) {
		Deflater deflater = DEFLATERS.get();
		deflater.reset();
		try {
			deflater.setInput(encoded);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length / 2 + 16);
			out.write(this.encoding.tag(true));
			Varints.write(out, encoded.length);
			byte[] buffer = new byte[Math.min(encoded.length + 64, 64 * 1024)];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.reset();
		}
	}

	private static byte[] inflate(byte[] bytes) {
		int[] position = { 1 };
		long length = Varints.read(bytes, position);
		int compressed = bytes.length - position[0];
		if (length < 0 || length > (long) compressed * MAX_RATIO || length > Integer.MAX_VALUE - 8) {
			throw new SerializationException("Malformed compressed value: " + length + " bytes claimed from "
					+ compressed + " compressed (at most " + MAX_RATIO + " times as many are read)");
		}
		Inflater inflater = INFLATERS.get();
		inflater.reset();
		try {
			inflater.setInput(bytes, position[0], compressed);
			byte[] inflated = new byte[(int) length];
			int read = 0;
			while (read < inflated.length && !inflater.finished()) {
				int step = inflater.inflate(inflated, read, inflated.length - read);
				if (step == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					break;
				}
				read += step;
			}
			if (read != inflated.length || !inflater.finished()) {
				throw new SerializationException(
						"Malformed compressed value: " + read + " bytes inflated, " + length + " claimed");
			}
			return inflated;
		}
		catch (DataFormatException ex) {
			throw new SerializationException("Malformed compressed value: " + ex.getMessage(), ex);
		}
		finally {
			inflater.reset();
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
	 * A Jackson reader's {@code readValue(byte[], int, int)}.
	 */
	@FunctionalInterface
	interface Reader {

		Object read(byte[] bytes, int offset, int length) throws Exception;

	}

	/**
	 * The writer and reader of one type in one encoding.
	 */
	record Codec(Writer writer, Reader reader) {

	}

	/**
	 * The serializers of a serialization, by declared type and format, sharing the codecs
	 * of a type.
	 */
	static final class ByType {

		private final Function<Type, Function<CacheEncoding, Codec>> codecsOfType;

		private final Map<Type, Codecs> codecs = new ConcurrentHashMap<>();

		private final Map<Key, RedisSerializer<Object>> serializers = new ConcurrentHashMap<>();

		ByType(Function<Type, Function<CacheEncoding, Codec>> codecsOfType) {
			this.codecsOfType = codecsOfType;
		}

		RedisSerializer<Object> serializer(Type type, ValueFormat format) {
			return this.serializers.computeIfAbsent(new Key(type, format), (key) -> new EncodedValueSerializer(
					this.codecs.computeIfAbsent(type, (t) -> new Codecs(this.codecsOfType.apply(t))), format));
		}

		private record Key(Type type, ValueFormat format) {

		}

	}

	/**
	 * The codecs of one declared type, made on first use: an encoding whose Jackson
	 * module is missing fails when a cache is configured with it, and makes an entry
	 * written in it a miss for the caches that are not.
	 */
	static final class Codecs {

		private final Function<CacheEncoding, Codec> factory;

		private final AtomicReferenceArray<Codec> made = new AtomicReferenceArray<>(CacheEncoding.values().length);

		Codecs(Function<CacheEncoding, Codec> factory) {
			this.factory = factory;
		}

		Codec get(CacheEncoding encoding) {
			Codec codec = this.made.get(encoding.ordinal());
			if (codec == null) {
				try {
					codec = this.factory.apply(encoding);
				}
				catch (NoClassDefFoundError ex) {
					throw new IllegalStateException("The " + encoding.name().toLowerCase(Locale.ROOT)
							+ " encoding needs " + ex.getMessage().replace('/', '.')
							+ " on the class path: add the Jackson dataformat module of that name "
							+ "(the redis-cache starters bring it)", ex);
				}
				this.made.compareAndSet(encoding.ordinal(), null, codec);
			}
			return codec;
		}

	}

}
