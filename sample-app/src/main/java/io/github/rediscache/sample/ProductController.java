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
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue's REST API. Every read answers with {@code X-Cache: HIT} or
 * {@code X-Cache: MISS}.
 */
@RestController
@RequestMapping("/products")
public class ProductController {

	private final ProductService service;

	public ProductController(ProductService service) {
		this.service = service;
	}

	@GetMapping("/{id}")
	public ResponseEntity<ProductDto> product(@PathVariable long id) {
		SlowDatabase.takeRead();
		ProductDto product = this.service.product(id);
		if (product == null) {
			throw new ProductNotFoundException(id);
		}
		return withCacheHeader(ResponseEntity.ok()).body(product);
	}

	@GetMapping
	public ResponseEntity<List<ProductDto>> products() {
		SlowDatabase.takeRead();
		List<ProductDto> products = this.service.products();
		return withCacheHeader(ResponseEntity.ok()).body(products);
	}

	@PutMapping("/{id}")
	public ProductDto update(@PathVariable long id, @RequestBody ProductUpdate update) {
		return this.service.update(id, update.name(), update.price());
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> delete(@PathVariable long id) {
		this.service.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity.BodyBuilder withCacheHeader(ResponseEntity.BodyBuilder builder) {
		return builder.header("X-Cache", SlowDatabase.takeRead() ? "MISS" : "HIT");
	}

	/**
	 * A change to a product.
	 *
	 * @param name the new name
	 * @param price the new price
	 */
	public record ProductUpdate(String name, BigDecimal price) {
	}

}
