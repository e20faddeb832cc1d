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
 * What one cache's near cache holds and served, read when meters are published.
 *
 * @author redis-cache authors
 */
public interface NearCacheStatistics {

	/**
	 * Return how many entries it holds.
	 * @return the estimated size
	 */
	long size();

	/**
	 * Return how many reads it served in-process.
	 * @return the hits so far
	 */
	long hits();

	/**
	 * Return how many reads it did not hold and sent to Redis.
	 * @return the misses so far
	 */
	long misses();

}
