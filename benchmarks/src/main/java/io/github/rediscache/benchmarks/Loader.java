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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database behind the cached method: counts its calls and takes a set time.
 */
public final class Loader {

	private final AtomicLong calls = new AtomicLong();

	private final java.util.Map<Long, AtomicLong> callsById = new java.util.concurrent.ConcurrentHashMap<>();

	private final Duration latency;

	private final java.util.Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();

	Loader(Duration latency) {
		this.latency = latency;
	}

	ProductDto load(long id) {
		this.calls.incrementAndGet();
		this.callsById.computeIfAbsent(id, (key) -> new AtomicLong()).incrementAndGet();
		if (!this.latency.isZero()) {
			try {
				Thread.sleep(this.latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String name = this.names.get(id);
		return (name != null) ? new ProductDto(id, name, ProductDto.of(id).price(), ProductDto.of(id).updatedAt())
				: ProductDto.of(id);
	}

	/**
	 * Change a product's name in the database.
	 * @param id the product
	 * @param name the new name
	 * @return the product as now stored
	 */
	ProductDto rename(long id, String name) {
		this.names.put(id, name);
		return load(id);
	}

	long calls() {
		return this.calls.get();
	}

	long calls(long id) {
		AtomicLong count = this.callsById.get(id);
		return (count != null) ? count.get() : 0;
	}

}
