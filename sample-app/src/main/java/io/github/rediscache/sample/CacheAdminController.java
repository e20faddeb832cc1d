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

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clears the product caches, for local runs and tests only: it is not authenticated, so
 * the production ({@code elasticache}) profile leaves it out.
 */
@RestController
@Profile("!elasticache")
public class CacheAdminController {

	private final ProductService service;

	public CacheAdminController(ProductService service) {
		this.service = service;
	}

	@DeleteMapping("/products/cache")
	public ResponseEntity<Void> clearCache() {
		this.service.clear();
		return ResponseEntity.noContent().build();
	}

}
