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

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cache.annotation.Cacheable;

/**
 * A cached method declared with a type variable that a subclass binds.
 *
 * @param <T> the entity type
 */
public abstract class GenericRepository<T> {

	private final AtomicInteger loads = new AtomicInteger();

	public int loads() {
		return this.loads.get();
	}

	@Cacheable(cacheNames = "generic", sync = true)
	public Map<Long, List<T>> pages(String id) {
		this.loads.incrementAndGet();
		return Map.of(1L, List.of(create(1)), 2L, List.of(create(2), create(3)));
	}

	protected abstract T create(long id);

}
