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

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.serializer.RedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;

class Jackson3CacheValueSerializationTests extends CacheValueSerializationContractTests {

	@Override
	CacheValueSerialization serialization(List<String> allowedPackages) {
		return Jackson3CacheValueSerialization.forPackages(allowedPackages);
	}

	@Override
	Instant readWithPlainJackson(String json) {
		return JsonMapper.builder().build().readValue(json, Instant.class);
	}

	@ParameterizedTest
	@MethodSource("formats")
	void entriesOfJackson2AreReadAndWrittenTheSame(ValueFormat format) {
		Object product = values().get(0);
		RedisSerializer<Object> jackson2 = Jackson2CacheValueSerialization
			.forPackages(List.of("io.github.rediscache.autoconfigure.app"))
			.forType(Object.class, format);
		RedisSerializer<Object> jackson3 = serialization(List.of("io.github.rediscache.autoconfigure.app"))
			.forType(Object.class, format);
		assertThat(jackson3.serialize(product)).isEqualTo(jackson2.serialize(product));
		assertThat(jackson3.deserialize(jackson2.serialize(product))).isEqualTo(product);
	}

}
