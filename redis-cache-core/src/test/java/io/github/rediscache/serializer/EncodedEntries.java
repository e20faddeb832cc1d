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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileParser;

/**
 * Raw entries in any {@link ValueFormat}, written from JSON text token by token with
 * Jackson's streaming API alone (no databind, no cache code), and read back as JSON text:
 * what another instance, or an attacker with write access to Redis, could store.
 */
public final class EncodedEntries {

	private static final JsonFactory JSON = new JsonFactory();

	private static final JsonFactory SMILE = SmileFactory.builder()
		.disable(SmileGenerator.Feature.WRITE_HEADER)
		.disable(SmileParser.Feature.REQUIRE_HEADER)
		.build();

	private static final JsonFactory CBOR = new CBORFactory();

	private EncodedEntries() {
	}

	/**
	 * Return the JSON's tokens in the format: tagged unless plain JSON, deflated when the
	 * format compresses a value of that size.
	 */
	public static byte[] encode(String json, ValueFormat format) {
		byte[] encoded = transcode(JSON, json.getBytes(StandardCharsets.UTF_8), factory(format.encoding()));
		if (encoded.length > format.compressAboveBytes()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(format.encoding().tag(true));
			Varints.write(out, encoded.length);
			try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, new Deflater(1, true))) {
				deflating.write(encoded);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return out.toByteArray();
		}
		if (format.encoding() == CacheEncoding.JSON) {
			return encoded;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(format.encoding().tag(false));
		out.writeBytes(encoded);
		return out.toByteArray();
	}

	/**
	 * Return a stored value as JSON text, whatever its format.
	 */
	public static String asJson(byte[] bytes) {
		if (!CacheEncoding.isTag(bytes[0])) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		CacheEncoding encoding = CacheEncoding.ofTag(bytes[0]);
		byte[] body;
		if (CacheEncoding.isDeflated(bytes[0])) {
			ByteArrayInputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
			while ((in.read() & 0x80) != 0) {
				// the varint length: the stream's end says where the value ends
			}
			try (InputStream inflating = new InflaterInputStream(in, new Inflater(true))) {
				body = inflating.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		else {
			body = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		return new String(transcode(factory(encoding), body, JSON), StandardCharsets.UTF_8);
	}

	/**
	 * Return how a value of exactly the declared root type is named in the format: its
	 * class name in JSON, a short id in the binary encodings ({@link RootTypeIds}).
	 */
	public static String rootId(Class<?> rootType, ValueFormat format) {
		return (format.encoding() == CacheEncoding.JSON) ? rootType.getName() : new RootTypeIds(rootType).id();
	}

	/**
	 * Copy the tokens, the type property renamed: {@code @class} in JSON, {@code @c} in
	 * the binary encodings.
	 */
	private static byte[] transcode(JsonFactory from, byte[] bytes, JsonFactory to) {
		String[] names = (to == JSON) ? new String[] { RootTypeIds.PROPERTY, "@class" }
				: new String[] { "@class", RootTypeIds.PROPERTY };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonParser parser = from.createParser(bytes); JsonGenerator generator = to.createGenerator(out)) {
			while (parser.nextToken() != null) {
				if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals(names[0])) {
					generator.writeFieldName(names[1]);
				}
				else {
					generator.copyCurrentEvent(parser);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static JsonFactory factory(CacheEncoding encoding) {
		return switch (encoding) {
			case JSON -> JSON;
			case SMILE -> SMILE;
			case CBOR -> CBOR;
		};
	}

}
