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
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * A service cached the way users cache, counting its loads.
 */
public class CatalogueService {

	private final AtomicInteger loads = new AtomicInteger();

	private final java.util.Map<Long, AtomicInteger> loadsById = new java.util.concurrent.ConcurrentHashMap<>();

	public int loads() {
		return this.loads.get();
	}

	public int loads(long id) {
		AtomicInteger count = this.loadsById.get(id);
		return (count != null) ? count.get() : 0;
	}

	@Cacheable("products")
	public Product product(long id) {
		this.loads.incrementAndGet();
		this.loadsById.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
		return (id < 0) ? null : new Product(id, "product-" + id, new BigDecimal("19.99"),
				Instant.parse("2026-11-26T10:15:30Z"), LocalDate.of(2026, 1, 31));
	}

	@Cacheable(cacheNames = "products", key = "'sync-' + #id", sync = true)
	public Product productSync(long id) {
		return product(id);
	}

	@CachePut(cacheNames = "products", key = "#product.id()")
	public Product update(Product product) {
		return product;
	}

	@CacheEvict("products")
	public void delete(long id) {
	}

	@CacheEvict(cacheNames = "products", allEntries = true)
	public void deleteAll() {
	}

	@Cacheable("user-sessions")
	public String session(String id) {
		this.loads.incrementAndGet();
		return "session-" + id;
	}

	@Cacheable("recommendations")
	public java.util.List<String> recommendations(String user) {
		this.loads.incrementAndGet();
		return java.util.List.of("a-" + user, "b-" + user);
	}

}
