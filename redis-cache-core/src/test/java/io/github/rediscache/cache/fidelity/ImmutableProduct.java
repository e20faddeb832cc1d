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
package io.github.rediscache.cache.fidelity;

import java.util.List;
import java.util.Objects;

/**
 * An immutable class with one constructor and no Jackson annotations, compiled with
 * {@code -parameters} as Spring Boot builds are.
 */
public class ImmutableProduct {

	private final long id;

	private final List<String> tags;

	public ImmutableProduct(long id, List<String> tags) {
		this.id = id;
		this.tags = List.copyOf(tags);
	}

	public long getId() {
		return this.id;
	}

	public List<String> getTags() {
		return this.tags;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ImmutableProduct that && this.id == that.id && this.tags.equals(that.tags);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.id, this.tags);
	}

}
