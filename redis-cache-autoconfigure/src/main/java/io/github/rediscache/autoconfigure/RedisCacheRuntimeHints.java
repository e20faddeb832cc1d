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
package io.github.rediscache.autoconfigure;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.lang.Nullable;

/**
 * What redis-cache reads reflectively itself, for an application processed by Spring AOT:
 * the version-dependent client and cache-writer methods it looks up. The value types of
 * the application's caches are registered by {@link CachedValueTypesAotProcessor}.
 * Registered through {@code META-INF/spring/aot.factories}.
 *
 * @author redis-cache authors
 */
class RedisCacheRuntimeHints implements RuntimeHintsRegistrar {

	/** Types whose methods are looked up by name, present in some versions only. */
	static final String[] LOOKED_UP = { "io.lettuce.core.cluster.ClusterTopologyRefreshOptions$Builder",
			"org.springframework.data.redis.cache.RedisCacheWriter",
			"org.springframework.data.redis.cache.RedisCacheWriter$RedisCacheWriterConfigurer" };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String type : LOOKED_UP) {
			hints.reflection().registerTypeIfPresent(classLoader, type, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
