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
import java.time.LocalDate;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * A product-catalogue service that caches in Redis through redis-cache. Redis is
 * configured only in application.yml; there is no {@code @Configuration} for it. The
 * caching advice wraps the transactional one, so a {@code @CachePut} or
 * {@code @CacheEvict} runs after the commit and never caches a rolled-back write (see
 * docs/patterns.md).
 */
@SpringBootApplication
@EnableCaching(order = Ordered.HIGHEST_PRECEDENCE)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ApplicationRunner seedCatalogue(ProductRepository repository, Clock clock) {
		return (args) -> {
			if (repository.count() == 0) {
				for (long id = 1; id <= 20; id++) {
					repository
						.save(new ProductEntity(id, "Product " + id, new BigDecimal("9.99").add(BigDecimal.valueOf(id)),
								LocalDate.of(2026, 1, 1).plusDays(id), clock.instant()));
				}
			}
		};
	}

}
