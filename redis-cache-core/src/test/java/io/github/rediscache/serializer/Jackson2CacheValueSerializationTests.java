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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Jackson2CacheValueSerializationTests extends CacheValueSerializationContractTests {

	@Override
	CacheValueSerialization serialization(List<String> allowedPackages) {
		return Jackson2CacheValueSerialization.forPackages(allowedPackages);
	}

	@Override
	Instant readWithPlainJackson(String json) {
		try {
			return Jackson2CacheValueSerialization.defaultMapper().readValue(json, Instant.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void anApplicationsOwnReadingOfInstantsIsKept() throws Exception {
		ObjectMapper application = Jackson2CacheValueSerialization.defaultMapper()
			.registerModule(new SimpleModule("application-instants").addDeserializer(Instant.class,
					new StdScalarDeserializer<Instant>(Instant.class) {

						@Override
						public Instant deserialize(JsonParser parser, DeserializationContext context) {
							return Instant.EPOCH;
						}

					}));
		Jackson2CacheValueSerialization serialization = Jackson2CacheValueSerialization.create(application, List.of(),
				(mapper) -> {
				});
		Object read = serialization.forType(Instant.class)
			.deserialize("[\"java.time.Instant\",\"2026-11-26T10:15:30Z\"]".getBytes(StandardCharsets.UTF_8));
		assertThat(read).isEqualTo(Instant.EPOCH);
	}

	@Test
	void instantsAreReadByTheCanonicalReaderThatFallsBackToJacksons() throws Exception {
		ObjectMapper mapper = Jackson2CacheValueSerialization.forPackages(List.of()).objectMapper();
		DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
			.createInstance(mapper.getDeserializationConfig(), mapper.createParser("\"\""), null);
		assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)).getClass().getName())
			.endsWith("CanonicalInstantReading$Reader");
	}

}
