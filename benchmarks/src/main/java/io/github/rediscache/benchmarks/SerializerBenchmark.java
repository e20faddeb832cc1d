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
package io.github.rediscache.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.ValueFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Encode plus decode of the benchmark DTO: plain Spring Boot's generic JSON serializer
 * (with java.time) against redis-cache's, each of the running generation
 * ({@link Generation}), read as {@code Object} (CacheAside) and as the declared type
 * (what a {@code @Cacheable} method gets), and in the binary encodings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SerializerBenchmark {

	static final RedisSerializer<Object> PLAIN = Generation.plainBootSerializer();

	static final CacheValueSerialization SERIALIZATION = Generation
		.redisCacheSerialization(List.of("io.github.rediscache.benchmarks"));

	static final RedisSerializer<Object> REDIS_CACHE = SERIALIZATION.typed();

	static final RedisSerializer<Object> REDIS_CACHE_DECLARED = SERIALIZATION.forType(ProductDto.class);

	static final RedisSerializer<Object> REDIS_CACHE_SMILE = SERIALIZATION.forType(ProductDto.class,
			new ValueFormat(CacheEncoding.SMILE, null));

	static final RedisSerializer<Object> REDIS_CACHE_CBOR = SERIALIZATION.forType(ProductDto.class,
			new ValueFormat(CacheEncoding.CBOR, null));

	private final ProductDto product = ProductDto.of(42);

	@Benchmark
	public Object plainBoot() {
		return PLAIN.deserialize(PLAIN.serialize(this.product));
	}

	@Benchmark
	public Object redisCache() {
		return REDIS_CACHE.deserialize(REDIS_CACHE.serialize(this.product));
	}

	@Benchmark
	public Object redisCacheDeclaredType() {
		return REDIS_CACHE_DECLARED.deserialize(REDIS_CACHE_DECLARED.serialize(this.product));
	}

	@Benchmark
	public Object redisCacheSmile() {
		return REDIS_CACHE_SMILE.deserialize(REDIS_CACHE_SMILE.serialize(this.product));
	}

	@Benchmark
	public Object redisCacheCbor() {
		return REDIS_CACHE_CBOR.deserialize(REDIS_CACHE_CBOR.serialize(this.product));
	}

}
