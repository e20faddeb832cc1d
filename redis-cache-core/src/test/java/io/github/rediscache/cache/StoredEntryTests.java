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

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.SerializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StoredEntryTests {

	@Test
	void encodesAsAJsonArrayAroundThePayload() {
		byte[] bytes = new StoredEntry(212, 1764151530123L, "{\"id\":1}".getBytes(StandardCharsets.UTF_8)).encode();
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("[\"~\",212,1764151530123,{\"id\":1}]");
		StoredEntry decoded = StoredEntry.decode(bytes);
		assertThat(decoded.loadMillis()).isEqualTo(212);
		assertThat(decoded.expiresAtMillis()).isEqualTo(1764151530123L);
		assertThat(new String(decoded.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
	}

	@Test
	void bytesWithoutTheMarkerAreAPayloadWithoutTimes() {
		StoredEntry decoded = StoredEntry.decode("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
		assertThat(decoded.loadMillis()).isZero();
		assertThat(decoded.expiresAtMillis()).isZero();
		assertThat(new String(decoded.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
		assertThat(StoredEntry.decode(new byte[0]).payload()).isEmpty();
	}

	@Test
	void malformedHeadersAreSerializationExceptions() {
		for (String malformed : new String[] { "[\"~\",12", "[\"~\",x,1,2]", "[\"~\",1,2,3", "[\"~\",,,]" }) {
			assertThatExceptionOfType(SerializationException.class).as(malformed)
				.isThrownBy(() -> StoredEntry.decode(malformed.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void aTaggedPayloadKeepsItsTagFirstAndCarriesTheTimesAsVarints() {
		byte[] payload = { (byte) 0xC1, 0x3A, 0x29, 0x0A };
		byte[] bytes = new StoredEntry(212, 1764151530123L, payload).encode();
		assertThat(bytes[0]).isEqualTo((byte) 0xC1);
		assertThat(bytes).hasSize(1 + 2 + 6 + 3);
		StoredEntry decoded = StoredEntry.decode(bytes);
		assertThat(decoded.loadMillis()).isEqualTo(212);
		assertThat(decoded.expiresAtMillis()).isEqualTo(1764151530123L);
		assertThat(decoded.payload()).containsExactly(payload);
	}

	@Test
	void aTaggedEntryCutShortIsASerializationException() {
		byte[] bytes = new StoredEntry(212, 1764151530123L, new byte[] { (byte) 0xC2, 0x01 }).encode();
		for (int length = 1; length < bytes.length; length++) {
			byte[] cut = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(SerializationException.class).as("%d bytes", length)
				.isThrownBy(() -> StoredEntry.decode(cut));
		}
	}

}
