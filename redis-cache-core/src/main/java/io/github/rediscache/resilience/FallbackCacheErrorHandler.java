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
package io.github.rediscache.resilience;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.lang.Nullable;

/**
 * Turns any cache error that reaches Spring's cache interceptor into a miss (get) or a
 * skipped write (put, evict, clear): it is counted as a fallback and logged once per
 * cache, operation and kind of error at WARN, then at DEBUG. The caller never sees it.
 *
 * @author redis-cache authors
 */
public class FallbackCacheErrorHandler implements CacheErrorHandler {

	private static final Log logger = LogFactory.getLog(FallbackCacheErrorHandler.class);

	private final BiConsumer<String, FallbackReason> fallbacks;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	/**
	 * Create a handler.
	 * @param fallbacks told about every fallback, by cache
	 */
	public FallbackCacheErrorHandler(BiConsumer<String, FallbackReason> fallbacks) {
		this.fallbacks = fallbacks;
	}

	@Override
	public void handleCacheGetError(RuntimeException exception, Cache cache, Object key) {
		handle("get", exception, cache, key);
	}

	@Override
	public void handleCachePutError(RuntimeException exception, Cache cache, Object key, @Nullable Object value) {
		handle("put", exception, cache, key);
	}

	@Override
	public void handleCacheEvictError(RuntimeException exception, Cache cache, Object key) {
		handle("evict", exception, cache, key);
	}

	@Override
	public void handleCacheClearError(RuntimeException exception, Cache cache) {
		handle("clear", exception, cache, null);
	}

	private void handle(String operation, RuntimeException exception, Cache cache, @Nullable Object key) {
		FallbackReason reason = FallbackReason.of(exception);
		this.fallbacks.accept(cache.getName(), reason);
		String start = "Cache " + operation + " on '" + cache.getName() + "'";
		String rest = " failed (" + reason.tag() + "); the caller is served without the cache: ";
		if (this.logged.add(cache.getName() + ":" + operation + ":" + exception.getClass().getName())) {
			// Keys may be e-mail addresses or tokens, and messages may quote values: WARN
			// names the cache and the kind of failure only.
			logger.warn(start + rest + exception.getClass().getName()
					+ " (further failures like this one are logged at DEBUG, with their keys and messages)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(start + ((key != null) ? " for key '" + key + "'" : "") + rest + exception, exception);
		}
	}

}
