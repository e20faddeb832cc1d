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
package io.github.rediscache.sample;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import io.github.rediscache.cache.CacheAside;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue, cached the way the redis-cache docs recommend.
 */
@Service
public class ProductService {

	static final String PRODUCTS = "products";

	static final String PRODUCT_LISTS = "product-lists";

	private final SlowDatabase database;

	private final ProductRepository repository;

	private final CacheAside cacheAside;

	private final Clock clock;

	public ProductService(SlowDatabase database, ProductRepository repository, CacheAside cacheAside, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.cacheAside = cacheAside;
		this.clock = clock;
	}

	/**
	 * One product; a missing id is not cached
	 * (redis-cache.caches.products.cache-null-values would cache it briefly).
	 */
	@Cacheable(cacheNames = PRODUCTS, sync = true)
	public ProductDto product(long id) {
		return this.database.find(id).orElse(null);
	}

	/** All products, cached with the programmatic cache-aside API. */
	public List<ProductDto> products() {
		return this.cacheAside.get(PRODUCT_LISTS, "all", this.database::findAll);
	}

	/**
	 * Change a product: after the commit the new value is written to the cache and the
	 * lists are evicted (write-through, docs/patterns.md).
	 */
	@Transactional
	@Caching(put = @CachePut(cacheNames = PRODUCTS, key = "#id"),
			evict = @CacheEvict(cacheNames = PRODUCT_LISTS, allEntries = true))
	public ProductDto update(long id, String name, BigDecimal price) {
		ProductEntity entity = this.repository.findById(id).orElseThrow(() -> new ProductNotFoundException(id));
		entity.setName(name);
		entity.setPrice(price);
		entity.setUpdatedAt(this.clock.instant());
		return ProductDto.of(this.repository.save(entity));
	}

	/** Delete a product and its cache entries. */
	@Transactional
	@Caching(evict = { @CacheEvict(cacheNames = PRODUCTS), @CacheEvict(cacheNames = PRODUCT_LISTS, allEntries = true) })
	public void delete(long id) {
		this.repository.deleteById(id);
	}

	/** Clear every product entry (SCAN + UNLINK on every primary, never KEYS). */
	@Caching(evict = { @CacheEvict(cacheNames = PRODUCTS, allEntries = true),
			@CacheEvict(cacheNames = PRODUCT_LISTS, allEntries = true) })
	public void clear() {
	}

}
