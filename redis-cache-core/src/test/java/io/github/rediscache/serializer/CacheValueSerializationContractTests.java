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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.github.rediscache.autoconfigure.app.Product;
import io.github.rediscache.hostile.Canary;
import io.github.rediscache.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.ResolvableType;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link CacheValueSerialization} does, Jackson 2 and Jackson 3 alike: the
 * same JSON, byte for byte, and the same allow-list.
 */
abstract class CacheValueSerializationContractTests {

	private final CacheValueSerialization serialization = serialization(
			List.of("io.github.rediscache.autoconfigure.app"));

	private final RedisSerializer<Object> typed = this.serialization.forType(Object.class, format());

	/**
	 * Return the format the tests write and read; every raw entry below is written in it
	 * ({@link EncodedEntries#encode}).
	 * @return the format
	 */
	ValueFormat format() {
		return ValueFormat.DEFAULT;
	}

	/**
	 * Return how many generated entries each declared type is read against: fewer in the
	 * other formats, whose entries are the same tokens in other bytes.
	 * @return the count
	 */
	int generatedEntries() {
		return format().equals(ValueFormat.DEFAULT) ? 2000 : 500;
	}

	private RedisSerializer<Object> forType(Type type) {
		return this.serialization.forType(type, format());
	}

	private byte[] raw(String json) {
		return EncodedEntries.encode(json, format());
	}

	static List<Object> values() {
		Product product = new Product(1, "p", new BigDecimal("19.99"), Instant.parse("2026-11-26T10:15:30Z"),
				LocalDate.of(2026, 1, 31));
		return List.of(product, "text", 42L, 7, 1.5d, true, new BigDecimal("0.10"), UUID.randomUUID(),
				Instant.parse("2026-11-26T10:15:30.123Z"), LocalDate.of(2026, 2, 1), List.of("a", "b"),
				List.of(product), Set.of("x"), Map.of("k", 1L), new TreeMap<>(Map.of("b", "2", "a", "1")),
				Collections.unmodifiableList(List.of(1, 2)), new String[] { "a", "b" });
	}

	@ParameterizedTest
	@MethodSource("values")
	void valuesRoundTripAsEqualValues(Object value) {
		Object read = this.typed.deserialize(this.typed.serialize(value));
		if (value instanceof String[] array) {
			assertThat((Object[]) read).containsExactly((Object[]) array);
		}
		else {
			assertThat(read).isEqualTo(value);
		}
	}

	@Test
	void datesAreIsoStringsAndClassesAreNamed() {
		String json = EncodedEntries.asJson(this.typed.serialize(values().get(0)));
		assertThat(json).isEqualTo("{\"@class\":\"io.github.rediscache.autoconfigure.app.Product\",\"id\":1,"
				+ "\"name\":\"p\",\"price\":19.99,"
				+ "\"updatedAt\":\"2026-11-26T10:15:30Z\",\"launchDate\":\"2026-01-31\"}");
	}

	@Test
	void classOutsideTheAllowListIsNeverInstantiated() {
		int before = Canary.instances.get();
		byte[] hostile = raw("{\"@class\":\"io.github.rediscache.hostile.Canary\",\"payload\":\"x\"}");
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.typed.deserialize(hostile))
			.withStackTraceContaining("io.github.rediscache.hostile.Canary");
		byte[] nested = raw("[\"java.util.ArrayList\",[{\"@class\":\"io.github.rediscache.hostile.Canary\"}]]");
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.typed.deserialize(nested));
		assertThat(Canary.instances).hasValue(before);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[\"[Ljava.lang.Class;\",[\"io.github.rediscache.hostile.StaticCanary\"]]",
			"[\"[[Ljava.lang.Class;\",[[\"io.github.rediscache.hostile.StaticCanary\"]]]",
			"[\"[Ljava.net.URL;\",[\"http://127.0.0.1:1/\"]]",
			"[\"[Lio.github.rediscache.hostile.Canary;\",[{\"payload\":\"x\"}]]",
			"[\"java.util.ArrayList\",[[\"[Ljava.lang.Class;\",[\"io.github.rediscache.hostile.StaticCanary\"]]]]" })
	void anArrayIsAllowedOnlyWhenItsComponentTypeIs(String hostile) {
		int instances = Canary.instances.get();
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.typed.deserialize(raw(hostile)));
		assertThat(Canary.staticInitializations).as("no class named in the entry was initialized").hasValue(0);
		assertThat(Canary.instances).hasValue(instances);
	}

	static List<Type> declaredTypes() {
		return List.of(Object.class, ResolvableType.forClassWithGenerics(List.class, Product.class).getType(),
				ResolvableType.forClassWithGenerics(Map.class, Long.class, Product.class).getType(),
				ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class).getType(), Product[].class,
				Product.class);
	}

	static Stream<Arguments> genericTypeIdsNamingForeignClasses() {
		List<String> entries = List.of(
				"[\"java.util.ArrayList<io.github.rediscache.hostile.Canary>\",[{\"payload\":\"x\"}]]",
				"[\"java.util.ArrayList<io.github.rediscache.hostile.Canary>\",[{\"@class\":\"io.github.rediscache.hostile.Canary\"}]]",
				"[\"java.util.HashMap<io.github.rediscache.hostile.KeyCanary,java.lang.String>\",{\"k\":\"v\"}]",
				"{\"@class\":\"java.util.HashMap<java.lang.String,io.github.rediscache.hostile.Canary>\",\"k\":{\"payload\":\"x\"}}",
				"[\"java.util.ArrayList<java.util.HashMap<java.lang.Long,[Lio.github.rediscache.hostile.StaticCanary;>>\",[]]",
				"[\"java.util.ArrayList<io.github.rediscache.hostile.StaticCanary>\",[]]",
				"[\"io.github.rediscache.hostile.ListCanary<java.lang.String>\",[\"x\"]]",
				"[\"java.util.ArrayList<x.Foreign>\",[{\"@class\":\"x.Foreign\"}]]",
				"[\"java.util.HashMap<x.Foreign,java.lang.String>\",{}]");
		return declaredTypes().stream().flatMap((type) -> entries.stream().map((entry) -> Arguments.of(type, entry)));
	}

	@ParameterizedTest
	@MethodSource("genericTypeIdsNamingForeignClasses")
	void everyNameOfAGenericTypeIdIsJudgedBeforeAnyIsLoaded(Type declared, String entry) {
		int instances = Canary.instances.get();
		RedisSerializer<Object> serializer = forType(declared);
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> serializer.deserialize(raw(entry)));
		assertThat(Canary.staticInitializations).as("no class named in the entry was initialized").hasValue(0);
		assertThat(Canary.instances).hasValue(instances);
	}

	@Test
	void aTypeParameterNamingNoClassIsRefusedByNameNotLookedUp() {
		byte[] entry = raw("[\"java.util.ArrayList<java.util.HashMap<java.lang.Long,[Lx.Foreign;>>\",[]]");
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.typed.deserialize(entry))
			.withMessageContaining("Class '[Lx.Foreign;' in type id 'java.util.ArrayList<java.util.HashMap<"
					+ "java.lang.Long,[Lx.Foreign;>>' is not allowed in a cached value");
	}

	/**
	 * Generated type ids at random depths against every declared type: no foreign class
	 * is ever initialized or constructed, and an entry is either refused or read as
	 * allowed classes only.
	 */
	@ParameterizedTest
	@MethodSource("declaredTypes")
	void generatedTypeIdsNeitherLoadNorBuildAForeignClass(Type declared) {
		RedisSerializer<Object> serializer = forType(declared);
		int instances = Canary.instances.get();
		long seed = ThreadLocalRandom.current().nextLong();
		HostileTypeIds ids = new HostileTypeIds(seed);
		int refused = 0;
		for (int i = 0; i < generatedEntries(); i++) {
			String entry = ids.entry();
			try {
				Object read = serializer.deserialize(raw(entry));
				assertThat(foreignClassIn(read)).as("seed %d, entry %s", seed, entry).isNull();
			}
			catch (SerializationException ex) {
				refused++;
			}
			assertThat(Canary.staticInitializations).as("seed %d, entry %s", seed, entry).hasValue(0);
			assertThat(Canary.instances).as("seed %d, entry %s", seed, entry).hasValue(instances);
		}
		assertThat(refused).as("seed %d", seed).isPositive();
	}

	@Nullable
	private static String foreignClassIn(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String name = value.getClass().getName();
		if (!name.startsWith("java.") && !name.startsWith("[")
				&& !name.startsWith("io.github.rediscache.autoconfigure.app.")) {
			return name;
		}
		Stream<?> parts = (value instanceof Collection<?> collection) ? collection.stream()
				: (value instanceof Map<?, ?> map) ? Stream.concat(map.keySet().stream(), map.values().stream())
						: (value instanceof Object[] array) ? Arrays.stream(array)
								: (value instanceof Optional<?> optional) ? optional.stream() : Stream.empty();
		return parts.map(CacheValueSerializationContractTests::foreignClassIn)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	@Test
	void arraysOfAllowedTypesStillRoundTrip() {
		Product product = (Product) values().get(0);
		Object read = this.typed.deserialize(this.typed.serialize(new Product[] { product }));
		assertThat(read).isInstanceOf(Product[].class);
		assertThat((Product[]) read).containsExactly(product);
		assertThat((int[]) this.typed.deserialize(this.typed.serialize(new int[] { 1, 2 }))).containsExactly(1, 2);
	}

	@Test
	void allowListedPackageIsInstantiated() {
		RedisSerializer<Object> permissive = serialization(List.of("io.github.rediscache.hostile"))
			.forType(Object.class, format());
		int before = Canary.instances.get();
		permissive.deserialize(raw("{\"@class\":\"io.github.rediscache.hostile.Canary\",\"payload\":\"x\"}"));
		assertThat(Canary.instances).hasValue(before + 1);
	}

	@Test
	void valueTypeSerializerNamesOnlyTheRootClass() {
		RedisSerializer<Object> serializer = forType(Product.class);
		Product product = (Product) values().get(0);
		byte[] bytes = serializer.serialize(product);
		String json = EncodedEntries.asJson(bytes);
		assertThat(json).isEqualTo("{\"@class\":\"" + EncodedEntries.rootId(Product.class, format()) + "\",\"id\":1,"
				+ "\"name\":\"p\",\"price\":19.99,\"updatedAt\":\"2026-11-26T10:15:30Z\","
				+ "\"launchDate\":\"2026-01-31\"}");
		assertThat(serializer.deserialize(bytes)).isEqualTo(product);
	}

	static List<ValueFormat> formats() {
		return List.of(ValueFormat.DEFAULT, new ValueFormat(CacheEncoding.SMILE, null),
				new ValueFormat(CacheEncoding.CBOR, null), new ValueFormat(CacheEncoding.JSON, DataSize.ofBytes(0)),
				new ValueFormat(CacheEncoding.SMILE, DataSize.ofBytes(0)),
				new ValueFormat(CacheEncoding.CBOR, DataSize.ofBytes(0)));
	}

	@ParameterizedTest
	@MethodSource("formats")
	void anEntryIsReadInTheFormatItWasWrittenInWhateverThisOneWrites(ValueFormat written) {
		Product product = (Product) values().get(0);
		byte[] bytes = this.serialization.forType(Product.class, written).serialize(product);
		assertThat(forType(Product.class).deserialize(bytes)).isEqualTo(product);
		assertThat(this.typed.deserialize(this.serialization.forType(Object.class, written).serialize(product)))
			.isEqualTo(product);
	}

	@Test
	void theFormatsEncodingIsWhatIsWritten() {
		byte[] bytes = this.typed.serialize(values().get(0));
		boolean compressed = format().compressAbove() != null;
		if (format().encoding() == CacheEncoding.JSON && !compressed) {
			assertThat(CacheEncoding.isTag(bytes[0])).isFalse();
		}
		else {
			assertThat(CacheEncoding.ofTag(bytes[0])).isEqualTo(format().encoding());
			assertThat(CacheEncoding.isDeflated(bytes[0])).isEqualTo(compressed);
		}
	}

	@Test
	void anEntryOfAnotherDeclaredTypeIsRefusedNotReadAsThisOne() {
		byte[] stamped = forType(Stamped.class).serialize(new Stamped(Instant.parse("2026-11-26T10:15:30Z")));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> forType(Product.class).deserialize(stamped));
		byte[] product = forType(Product.class).serialize(values().get(0));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> forType(Stamped.class).deserialize(product));
	}

	@Test
	void aCompressedValueClaimingMoreThanItCouldHoldIsRefusedBeforeAnyIsAllocated() {
		byte[] bomb = { format().encoding().tag(true), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x03,
				0x00 };
		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> this.typed.deserialize(bomb))
			.withMessageContaining("bytes claimed from 2 compressed");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 5, 9 })
	void aTruncatedValueIsASerializationException(int cut) {
		byte[] bytes = this.typed.serialize(List.of(values().get(0), values().get(0)));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.typed.deserialize(Arrays.copyOf(bytes, bytes.length - cut)));
	}

	@Test
	void garbageIsASerializationException() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.typed.deserialize(new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5 }));
	}

	@Test
	void packageNamesAreChecked() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> serialization(List.of("com.")))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("allowed-packages"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("'com.' is not a package name"));
	}

	/**
	 * Create the serialization under test.
	 * @param allowedPackages the allow-list
	 * @return the serialization
	 */
	abstract CacheValueSerialization serialization(List<String> allowedPackages);

	/**
	 * Return what a plain mapper of the Jackson version reads from the JSON.
	 */
	abstract Instant readWithPlainJackson(String json);

	@ParameterizedTest
	@ValueSource(
			strings = { "\"2026-11-26T10:15:30Z\"", "\"2026-11-26T10:15:30.123456789Z\"", "\"2026-11-26T10:15:30.5Z\"",
					"\"2026-11-26T11:15:30+01:00\"", "1795774530.5", "1795774530", "\"1795774530\"" })
	void instantsReadAsJacksonReadsThemWhateverTheirForm(String json) {
		Object read = forType(Instant.class).deserialize(entry(json));
		assertThat(read).isInstanceOf(Instant.class).isEqualTo(readWithPlainJackson(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"2026-02-30T10:15:30Z\"", "\"2026-11-26T10:15:30.1234567890Z\"", "\"yesterday\"" })
	void anInstantJacksonCannotReadIsUnreadable(String json) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> forType(Instant.class).deserialize(entry(json)));
	}

	/**
	 * The entry of an instant as the cache writes a scalar: with its class name.
	 */
	private byte[] entry(String json) {
		return raw("[\"java.time.Instant\"," + json + "]");
	}

	@Test
	void aPropertysOwnFormatOfAnInstantIsKept() {
		RedisSerializer<Object> serializer = forType(Stamped.class);
		Stamped stamped = new Stamped(Instant.parse("2026-11-26T10:15:30Z"));
		byte[] bytes = serializer.serialize(stamped);
		assertThat(EncodedEntries.asJson(bytes)).contains("\"2026-11-26 10:15:30\"");
		assertThat(serializer.deserialize(bytes)).isEqualTo(stamped);
	}

	record Stamped(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd HH:mm:ss",
			timezone = "UTC") Instant at) {
	}

}
