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

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.rediscache.cache.fidelity.Color;
import io.github.rediscache.cache.fidelity.ImmutableProduct;
import io.github.rediscache.cache.fidelity.LombokValueProduct;
import io.github.rediscache.cache.fidelity.MutableProduct;
import io.github.rediscache.cache.fidelity.ProductRecord;
import io.github.rediscache.cache.fidelity.SelfReferencing;
import io.github.rediscache.cache.fidelity.Shape;
import io.github.rediscache.cache.fidelity.Shipment;
import io.github.rediscache.cache.fidelity.Times;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.serializer.CacheValueSerialization;
import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.serializer.EncodedEntries;
import io.github.rediscache.serializer.Jackson2CacheValueSerialization;
import io.github.rediscache.serializer.ValueFormat;
import io.github.rediscache.settings.TypeNames;
import io.github.rediscache.testing.ConnectionFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.slf4j.LoggerFactory;

import org.springframework.cache.Cache;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cached value comes back exactly as the loader returned it, read as its declared
 * type (what a {@code @Cacheable} method declares) or as a cache's {@code value-type},
 * against real Redis.
 */
@EmbeddedRedis
@TestInstance(Lifecycle.PER_CLASS)
class SerializationFidelityIntegrationTests {

	private static final String PACKAGE = "io.github.rediscache.cache.fidelity.";

	private final RedisDeployment redis;

	private final RedisNode node;

	private LettuceConnectionFactory connectionFactory;

	private ResilientRedisCacheManager manager;

	SerializationFidelityIntegrationTests(RedisDeployment redis) {
		this.redis = redis;
		this.node = redis.nodes().get(0);
	}

	@BeforeAll
	void start() {
		this.connectionFactory = ConnectionFactories.startedFor(this.redis);
		ResilientRedisCacheManager.Builder builder = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.serialization(serialization(List.of("io.github.rediscache.cache.fidelity")))
			.defaults(CacheSpec.DEFAULTS.withFormat(format()));
		cases().forEach((arguments) -> builder.cache(valueTypeCache((String) arguments.get()[0]),
				CacheSpec.DEFAULTS.withFormat(format()).withValueType(type((String) arguments.get()[1]))));
		this.manager = builder.build();
		this.manager.afterPropertiesSet();
	}

	@AfterAll
	void stop() {
		this.manager.destroy();
		this.connectionFactory.destroy();
	}

	@AfterEach
	void flush() {
		this.redis.flushAll();
	}

	static Stream<Arguments> cases() {
		ProductRecord desk = new ProductRecord(1, "desk", new BigDecimal("19.90"));
		ProductRecord lamp = new ProductRecord(2, "lamp", new BigDecimal("5.5"));
		Map<Long, ProductRecord> byId = new LinkedHashMap<>(Map.of(1L, desk));
		EnumMap<Color, String> names = new EnumMap<>(Color.class);
		names.put(Color.RED, "rouge");
		names.put(Color.BLUE, "bleu");
		return Stream.of(of("mutable class", PACKAGE + "MutableProduct", () -> new MutableProduct(1, "desk")),
				of("record", PACKAGE + "ProductRecord", () -> desk),
				of("immutable class without annotations", PACKAGE + "ImmutableProduct",
						() -> new ImmutableProduct(7, List.of("a", "b"))),
				of("Lombok @Value shape", PACKAGE + "LombokValueProduct",
						() -> new LombokValueProduct("sku-1", new BigDecimal("5.00"), Color.BLUE)),
				of("record with Optional present", PACKAGE + "Shipment",
						() -> new Shipment("s1", Optional.of("fragile"))),
				of("record with Optional empty", PACKAGE + "Shipment", () -> new Shipment("s2", Optional.empty())),
				of("java.time in a record", PACKAGE + "Times",
						() -> new Times(OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)),
								ZonedDateTime.of(LocalDateTime.of(2026, 11, 26, 9, 30), ZoneId.of("Europe/Paris")),
								Instant.parse("2026-11-26T10:15:30.123456789Z"), LocalDate.of(2026, 2, 28),
								Duration.ofMinutes(90))),
				of("OffsetDateTime at +02:00", "java.time.OffsetDateTime",
						() -> OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2))),
				of("ZonedDateTime in Europe/Paris", "java.time.ZonedDateTime",
						() -> ZonedDateTime.of(LocalDateTime.of(2026, 6, 1, 10, 0), ZoneId.of("Europe/Paris"))),
				of("Instant", "java.time.Instant", () -> Instant.parse("2026-11-26T10:15:30.5Z")),
				of("LocalDate", "java.time.LocalDate", () -> LocalDate.of(2026, 11, 26)),
				of("Duration", "java.time.Duration", () -> Duration.ofMillis(1500)),
				of("BigDecimal with trailing zeros", "java.math.BigDecimal", () -> new BigDecimal("19.900")),
				of("List<BigDecimal>", "java.util.List<java.math.BigDecimal>",
						() -> List.of(new BigDecimal("1.10"), new BigDecimal("2.000"))),
				of("enum", PACKAGE + "Color", () -> Color.GREEN),
				of("EnumMap", "java.util.EnumMap<" + PACKAGE + "Color, java.lang.String>", () -> names),
				of("EnumSet", "java.util.EnumSet<" + PACKAGE + "Color>", () -> EnumSet.of(Color.RED, Color.BLUE)),
				of("List of records", "java.util.List<" + PACKAGE + "ProductRecord>", () -> List.of(desk, lamp)),
				of("Set of records", "java.util.Set<" + PACKAGE + "ProductRecord>", () -> Set.of(desk, lamp)),
				of("Map of records", "java.util.Map<java.lang.String, " + PACKAGE + "ProductRecord>",
						() -> new TreeMap<>(Map.of("desk", desk, "lamp", lamp))),
				of("Map<Long, V>", "java.util.Map<java.lang.Long, " + PACKAGE + "ProductRecord>", () -> byId),
				of("Map<UUID, V>", "java.util.Map<java.util.UUID, " + PACKAGE + "ProductRecord>",
						() -> Map.of(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"), lamp)),
				of("nested generics",
						"java.util.Map<java.lang.String, java.util.List<java.util.Map<java.lang.Long, " + PACKAGE
								+ "ProductRecord>>>",
						() -> Map.of("page-1", List.of(byId, Map.of(2L, lamp)))),
				of("byte[]", "byte[]", () -> new byte[] { 0, 1, -128, 127 }),
				of("boxed int", "java.lang.Integer", () -> 42), of("boxed long", "java.lang.Long", () -> 42L),
				of("boxed double", "java.lang.Double", () -> 0.1), of("boxed boolean", "java.lang.Boolean", () -> true),
				of("String", "java.lang.String", () -> "naïve café"),
				of("sealed interface", PACKAGE + "Shape", () -> new Shape.Circle(2.5)),
				of("List of a sealed interface", "java.util.List<" + PACKAGE + "Shape>",
						() -> new ArrayList<>(List.of(new Shape.Circle(1), new Shape.Square(2)))),
				of("Object holding a Long", "java.lang.Object", () -> 42L));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void aValueReadAsItsDeclaredTypeComesBackEqual(String name, String typeName, Supplier<Object> value) {
		assertSecondCallIsAnEqualHit(this.manager.getCache("declared", type(typeName)), name, value);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void aValueOfACachesValueTypeComesBackEqual(String name, String typeName, Supplier<Object> value) {
		assertSecondCallIsAnEqualHit(this.manager.getCache(valueTypeCache(name)), name, value);
	}

	@Test
	void onlyTheRootAndPolymorphicValuesAreNamedAndScaleAndOffsetsAreKept() {
		ProductRecord desk = new ProductRecord(1, "desk", new BigDecimal("19.90"));
		this.manager.getCache("declared", ProductRecord.class).put("desk", desk);
		assertThat(stored("declared::desk"))
			.endsWith(",{\"@class\":\"" + EncodedEntries.rootId(ProductRecord.class, format())
					+ "\",\"id\":1,\"name\":\"desk\",\"price\":19.90}]");
		this.manager.getCache("declared", type("java.util.List<" + PACKAGE + "ProductRecord>"))
			.put("desks", List.of(desk));
		assertThat(stored("declared::desks"))
			.endsWith(",[\"java.util.ArrayList\",[{\"id\":1,\"name\":\"desk\",\"price\":19.90}]]]");
		this.manager.getCache("declared", OffsetDateTime.class)
			.put("at", OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)));
		assertThat(stored("declared::at")).endsWith(
				",[\"" + EncodedEntries.rootId(OffsetDateTime.class, format()) + "\",\"2026-06-01T10:00:00+02:00\"]]");
	}

	static Stream<ValueFormat> otherFormats() {
		return Stream.of(ValueFormat.DEFAULT, new ValueFormat(CacheEncoding.SMILE, null),
				new ValueFormat(CacheEncoding.CBOR, null), new ValueFormat(CacheEncoding.JSON, DataSize.ofBytes(0)),
				new ValueFormat(CacheEncoding.SMILE, DataSize.ofBytes(64)));
	}

	/**
	 * A rolling change of a cache's encoding: instances still on the old format and those
	 * on the new one read each other's entries as hits, with equal values.
	 */
	@ParameterizedTest
	@MethodSource("otherFormats")
	void entriesWrittenInAnotherFormatAreHitsBothWays(ValueFormat other) {
		ResilientRedisCacheManager instance = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.serialization(serialization(List.of("io.github.rediscache.cache.fidelity")))
			.defaults(CacheSpec.DEFAULTS.withFormat(other))
			.build();
		instance.afterPropertiesSet();
		try {
			Type type = type("java.util.Map<java.lang.Long, " + PACKAGE + "ProductRecord>");
			Map<Long, ProductRecord> theirs = Map.of(1L, new ProductRecord(1, "desk", new BigDecimal("19.90")));
			Map<Long, ProductRecord> ours = Map.of(2L, new ProductRecord(2, "lamp", new BigDecimal("5.5")));
			instance.getCache("switch", type).put("theirs", theirs);
			this.manager.getCache("switch", type).put("ours", ours);
			assertThat(this.manager.getCache("switch", type).get("theirs", Map.class)).isEqualTo(theirs);
			assertThat(instance.getCache("switch", type).get("ours", Map.class)).isEqualTo(ours);
		}
		finally {
			instance.destroy();
		}
	}

	@Test
	void anEntryWrittenByTheNextReleaseWithOneMorePropertyIsAHit() {
		this.node.call((commands) -> commands.set("declared::1",
				"[\"~\",5,0,{\"@class\":\"" + PACKAGE + "ProductRecord\",\"id\":1,\"name\":\"desk\",\"price\":19.90,"
						+ "\"colour\":\"RED\",\"stock\":{\"n\":3}}]"));
		Cache cache = this.manager.getCache("declared", ProductRecord.class);
		assertThat(cache.get(1, ProductRecord.class)).isEqualTo(new ProductRecord(1, "desk", new BigDecimal("19.90")));
	}

	@Test
	void anEntryWrittenByTheLastReleaseWithOneFewerPropertyIsAHitWithTheDefault() {
		this.node.call((commands) -> commands.set("declared::2",
				"[\"~\",5,0,{\"@class\":\"" + PACKAGE + "ProductRecord\",\"id\":2,\"name\":\"lamp\"}]"));
		Cache cache = this.manager.getCache("declared", ProductRecord.class);
		assertThat(cache.get(2, ProductRecord.class)).isEqualTo(new ProductRecord(2, "lamp", null));
	}

	@Test
	void theDeclaredTypeNeedsNoAllowListButItsSubtypesDo() {
		ResilientRedisCacheManager closed = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.serialization(serialization(List.of()))
			.build();
		closed.afterPropertiesSet();
		ProductRecord desk = new ProductRecord(1, "desk", new BigDecimal("19.90"));
		Cache records = closed.getCache("closed", ProductRecord.class);
		records.put(1, desk);
		assertThat(records.get(1, ProductRecord.class)).isEqualTo(desk);
		Cache shapes = closed.getCache("closed", Shape.class);
		shapes.put(2, new Shape.Circle(1));
		assertThat(shapes.get(2)).as("a subtype outside the allow-list is refused").isNull();
		closed.destroy();
	}

	@Test
	void anEntryOfAnotherTypeIsAMissNotAnEmptyInstance() {
		this.node.call((commands) -> commands.set("declared::3",
				"[\"~\",5,0,{\"@class\":\"" + PACKAGE + "MutableProduct\",\"id\":3,\"name\":\"chair\"}]"));
		Cache cache = this.manager.getCache("declared", ProductRecord.class);
		assertThat(cache.get(3)).isNull();
		assertThat(this.node.<Long>call((commands) -> commands.exists("declared::3"))).as("evicted").isZero();
	}

	@Test
	void anUnreadableEntryIsLoggedAtWarnWithoutItsKey() {
		Logger logger = (Logger) LoggerFactory.getLogger(ResilientRedisCache.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			this.node.call((commands) -> commands.set("pii::alice@example.com", "[\"~\",5,0,{not json"));
			assertThat(this.manager.getCache("pii", ProductRecord.class).get("alice@example.com")).isNull();
			assertThat(appender.list).singleElement().satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains("cache 'pii'")
					.contains("key hash " + Integer.toHexString("alice@example.com".hashCode()))
					.doesNotContain("alice");
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void aStoredNullIsTheJsonNull() {
		ResilientRedisCacheManager nulls = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.defaults(CacheSpec.DEFAULTS.withCacheNullValues(true))
			.build();
		nulls.afterPropertiesSet();
		AtomicInteger loads = new AtomicInteger();
		Cache cache = nulls.getCache("missing");
		Object loaded = cache.get(404, () -> {
			loads.incrementAndGet();
			return null;
		});
		assertThat(loaded).isNull();
		assertThat(this.node.<String>call((commands) -> commands.get("missing::404"))).startsWith("[\"~\",")
			.endsWith(",null]");
		assertThat(cache.get(404)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get(404, () -> loads.incrementAndGet())).isNull();
		assertThat(loads).hasValue(1);
		nulls.destroy();
	}

	@Test
	void aValueThatCannotBeWrittenIsReturnedCountedAndNotCachedOnEveryPath() {
		List<String> fallbacks = new ArrayList<>();
		ResilientRedisCacheManager counting = ResilientRedisCacheManager.newBuilder(this.connectionFactory)
			.listener(new CacheEventListener() {

				@Override
				public void fallback(String cacheName, io.github.rediscache.resilience.FallbackReason reason) {
					fallbacks.add(cacheName + ":" + reason.tag());
				}

			})
			.build();
		counting.afterPropertiesSet();
		Cache cache = counting.getCache("odd", SelfReferencing.class);
		SelfReferencing value = new SelfReferencing("loop");
		AtomicInteger loads = new AtomicInteger();
		assertThat(cache.get(1, () -> {
			loads.incrementAndGet();
			return value;
		})).isSameAs(value);
		assertThat(cache.get(1, () -> {
			loads.incrementAndGet();
			return value;
		})).as("not cached: the next call loads again").isSameAs(value);
		assertThat(loads).hasValue(2);
		counting.getCache("odd").put(2, "an older value");
		cache.put(2, value);
		assertThat(this.node.<Long>call((commands) -> commands.exists("odd::2"))).as("no older value outlives it")
			.isZero();
		assertThat(cache.putIfAbsent(3, value)).isNull();
		assertThat(fallbacks).containsExactly("odd:serialization", "odd:serialization", "odd:serialization",
				"odd:serialization");
		counting.destroy();
	}

	private static void assertSecondCallIsAnEqualHit(Cache cache, String name, Supplier<Object> value) {
		AtomicInteger loads = new AtomicInteger();
		Object first = cache.get(name, () -> {
			loads.incrementAndGet();
			return value.get();
		});
		Object second = cache.get(name, () -> {
			loads.incrementAndGet();
			return value.get();
		});
		assertThat(loads).as("the second call is a hit").hasValue(1);
		assertThat(second).isEqualTo(first).isEqualTo(value.get());
	}

	/**
	 * Return an entry's value as JSON text, whatever its format, after the load time and
	 * expiry.
	 */
	private String stored(String key) {
		byte[] bytes = this.connectionFactory.getConnection()
			.stringCommands()
			.get(key.getBytes(StandardCharsets.UTF_8));
		StoredEntry entry = StoredEntry.decode(bytes);
		return ",%s]".formatted(EncodedEntries.asJson(entry.payload()));
	}

	private static Type type(String name) {
		return TypeNames.parse("value-type", name, SerializationFidelityIntegrationTests.class.getClassLoader());
	}

	private static String valueTypeCache(String caseName) {
		return "value-type-" + caseName.replaceAll("[^A-Za-z0-9]+", "-");
	}

	private static Arguments of(String name, String type, Supplier<Object> value) {
		return Arguments.of(name, type, value);
	}

	/**
	 * Return the format of every cache: JSON here, a binary encoding or compression in
	 * subclasses.
	 * @return the format
	 */
	ValueFormat format() {
		return ValueFormat.DEFAULT;
	}

	/**
	 * Create the serialization under test: Jackson 2 here, Jackson 3 in
	 * {@link Jackson3SerializationFidelityIntegrationTests}.
	 * @param allowedPackages the allow-list
	 * @return the serialization
	 */
	CacheValueSerialization serialization(List<String> allowedPackages) {
		return Jackson2CacheValueSerialization.forPackages(allowedPackages);
	}

}
