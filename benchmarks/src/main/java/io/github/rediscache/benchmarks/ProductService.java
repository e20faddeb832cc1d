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

import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * The cached service, identical for plain Spring Boot and redis-cache.
 */
public class ProductService {

	private final Loader loader;

	public ProductService(Loader loader) {
		this.loader = loader;
	}

	@Cacheable("products")
	public ProductDto product(long id) {
		return this.loader.load(id);
	}

	@Cacheable(cacheNames = "products", key = "'sync-' + #id", sync = true)
	public ProductDto productSync(long id) {
		return this.loader.load(id);
	}

	/**
	 * Read by the background load of the near-cache visibility scenario, in a cache of
	 * its own, so that the probed cache's invalidations are the probes' alone.
	 * @param id the product id
	 * @return the product
	 */
	@Cacheable("background")
	public ProductDto background(long id) {
		return this.loader.load(id);
	}

	@CachePut(cacheNames = "products", key = "#id")
	public ProductDto rename(long id, String name) {
		return this.loader.rename(id, name);
	}

}
