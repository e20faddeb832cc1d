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
package io.github.rediscache.cache.near;

/**
 * What a read of a cache returns: the store value (Spring's, {@code NullValue} for a
 * cached {@code null}) with the load time and Redis expiry written in its entry, which
 * early refresh reads. A near cache's entry is one itself once it keeps its decoded
 * instance, so that a hit returns it as it is.
 *
 * Public for {@code io.github.rediscache.cache} alone; not an API.
 *
 * @author redis-cache authors
 */
public interface CachedValue {

	/**
	 * Return the store value.
	 * @return the value, {@code NullValue} for a cached {@code null}
	 */
	Object storeValue();

	/**
	 * Return the load time written in the entry.
	 * @return milliseconds
	 */
	long loadMillis();

	/**
	 * Return the Redis expiry written in the entry.
	 * @return epoch milliseconds, 0 for none
	 */
	long expiresAtMillis();

}
