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
package io.github.rediscache.autoconfigure.app;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.rediscache.cache.fidelity.Color;
import io.github.rediscache.cache.fidelity.ProductRecord;
import io.github.rediscache.cache.fidelity.Shape;
import io.github.rediscache.cache.fidelity.Shipment;
import io.github.rediscache.cache.fidelity.Times;

import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * Cached methods returning the value types applications cache, counting their loads.
 */
public class FidelityService {

	private final AtomicInteger loads = new AtomicInteger();

	public int loads() {
		return this.loads.get();
	}

	@Cacheable(cacheNames = "by-id", sync = true)
	public Map<Long, ProductRecord> byId(String page) {
		this.loads.incrementAndGet();
		Map<Long, ProductRecord> products = new LinkedHashMap<>();
		products.put(1L, new ProductRecord(1, "desk", new BigDecimal("19.90")));
		products.put(2L, new ProductRecord(2, "lamp", new BigDecimal("5.50")));
		return products;
	}

	@Cacheable("shipments")
	public Shipment shipment(String id) {
		this.loads.incrementAndGet();
		return new Shipment(id, id.startsWith("n") ? Optional.of("fragile") : Optional.empty());
	}

	@Cacheable(cacheNames = "times", sync = true)
	public Times times(String id) {
		this.loads.incrementAndGet();
		return new Times(OffsetDateTime.of(2026, 6, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2)),
				ZonedDateTime.of(LocalDateTime.of(2026, 11, 26, 9, 30), ZoneId.of("Europe/Paris")),
				Instant.parse("2026-11-26T10:15:30.123Z"), LocalDate.of(2026, 2, 28), Duration.ofSeconds(90));
	}

	@Cacheable(cacheNames = "shapes", sync = true)
	public List<Shape> shapes(String id) {
		this.loads.incrementAndGet();
		return List.of(new Shape.Circle(1), new Shape.Square(2));
	}

	@Cacheable(cacheNames = "colours", sync = true)
	public EnumMap<Color, String> colours(String language) {
		this.loads.incrementAndGet();
		EnumMap<Color, String> names = new EnumMap<>(Color.class);
		names.put(Color.RED, "rouge");
		return names;
	}

	@Cacheable(cacheNames = "products", sync = true)
	public Product product(long id) {
		this.loads.incrementAndGet();
		return new Product(id, "product-" + id, new BigDecimal("10.00"), Instant.parse("2026-11-26T10:15:30Z"),
				LocalDate.of(2026, 1, 31));
	}

	@Cacheable(cacheNames = "odd", sync = true)
	public Unwritable unwritableSync(long id) {
		this.loads.incrementAndGet();
		return new Unwritable(id);
	}

	@Cacheable("odd")
	public Unwritable unwritable(long id) {
		this.loads.incrementAndGet();
		return new Unwritable(id);
	}

	@CachePut(cacheNames = "odd", key = "#id")
	public Unwritable updateUnwritable(long id) {
		return new Unwritable(id);
	}

	/**
	 * A value Jackson cannot write: it refers to itself.
	 */
	public static final class Unwritable {

		private final long id;

		Unwritable(long id) {
			this.id = id;
		}

		public long getId() {
			return this.id;
		}

		public Unwritable getSelf() {
			return this;
		}

	}

}
