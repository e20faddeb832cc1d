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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cache.annotation.Cacheable;

/**
 * A user's service with asynchronous and reactive cached methods, counting its loads per
 * method.
 */
public class AsyncCatalogueService {

	private final ConcurrentMap<String, AtomicInteger> loads = new ConcurrentHashMap<>();

	public int loads(String method) {
		AtomicInteger count = this.loads.get(method);
		return (count != null) ? count.get() : 0;
	}

	@Cacheable(cacheNames = "async-products", key = "'future-' + #id")
	public CompletableFuture<Product> future(long id) {
		return CompletableFuture.supplyAsync(() -> load("future", id));
	}

	@Cacheable(cacheNames = "async-products", key = "'future-sync-' + #id", sync = true)
	public CompletableFuture<Product> futureSync(long id) {
		return CompletableFuture.supplyAsync(() -> load("futureSync", id));
	}

	@Cacheable(cacheNames = "async-products", key = "'mono-' + #id")
	public Mono<Product> mono(long id) {
		return Mono.fromSupplier(() -> load("mono", id));
	}

	@Cacheable(cacheNames = "async-products", key = "'mono-sync-' + #id", sync = true)
	public Mono<Product> monoSync(long id) {
		return Mono.fromSupplier(() -> load("monoSync", id));
	}

	@Cacheable(cacheNames = "async-products", key = "'flux-' + #id")
	public Flux<Product> flux(long id) {
		return Flux.fromIterable(List.of(load("flux", id), load("flux", id + 1)));
	}

	@Cacheable(cacheNames = "async-products", key = "'flux-sync-' + #id", sync = true)
	public Flux<Product> fluxSync(long id) {
		return Flux.fromIterable(List.of(load("fluxSync", id), load("fluxSync", id + 1)));
	}

	private Product load(String method, long id) {
		this.loads.computeIfAbsent(method, (key) -> new AtomicInteger()).incrementAndGet();
		return new Product(id, "product-" + id, new BigDecimal("19.99"), Instant.parse("2026-11-26T10:15:30Z"),
				LocalDate.parse("2026-01-31"));
	}

}
