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

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the catalogue database with an artificial delay, so that a miss is easy to tell
 * from a hit, and records on the current thread that the database was read.
 */
@Component
public class SlowDatabase {

	private static final Logger logger = LoggerFactory.getLogger(SlowDatabase.class);

	private static final ThreadLocal<Boolean> READ = ThreadLocal.withInitial(() -> false);

	private final ProductRepository repository;

	private final Duration delay;

	public SlowDatabase(ProductRepository repository, @Value("${catalogue.database-delay:150ms}") Duration delay) {
		this.repository = repository;
		this.delay = delay;
	}

	Optional<ProductDto> find(long id) {
		pretendToBeSlow("product " + id);
		return this.repository.findById(id).map(ProductDto::of);
	}

	List<ProductDto> findAll() {
		pretendToBeSlow("all products");
		return this.repository.findAll().stream().map(ProductDto::of).toList();
	}

	/**
	 * Return whether the current request read the database, and forget it.
	 * @return whether the database was read since the last call
	 */
	static boolean takeRead() {
		boolean read = READ.get();
		READ.remove();
		return read;
	}

	private void pretendToBeSlow(String what) {
		READ.set(true);
		logger.info("Cache miss: loading {} from the database ({} ms)", what, this.delay.toMillis());
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
