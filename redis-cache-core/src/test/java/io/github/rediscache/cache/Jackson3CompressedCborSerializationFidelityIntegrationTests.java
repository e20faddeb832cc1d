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

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.serializer.ValueFormat;

import org.springframework.util.unit.DataSize;

/**
 * The fidelity cases with Jackson3 writing CBOR, every value deflated: the same hits, the
 * same typing, and the JSON entries of other instances still read.
 */
@EmbeddedRedis
class Jackson3CompressedCborSerializationFidelityIntegrationTests
		extends Jackson3SerializationFidelityIntegrationTests {

	Jackson3CompressedCborSerializationFidelityIntegrationTests(RedisDeployment redis) {
		super(redis);
	}

	@Override
	ValueFormat format() {
		return new ValueFormat(CacheEncoding.CBOR, DataSize.ofBytes(0));
	}

}
