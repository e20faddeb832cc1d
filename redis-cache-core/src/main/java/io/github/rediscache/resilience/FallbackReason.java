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

import java.util.Locale;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Why a cache operation fell back (a get became a miss, a write was skipped) instead of
 * reaching Redis.
 *
 * @author redis-cache authors
 */
public enum FallbackReason {

	/** The circuit breaker was open: Redis was not called. */
	OPEN,

	/** Redis did not answer within the command timeout. */
	TIMEOUT,

	/** No connection to Redis, or commands rejected while disconnected. */
	CONNECTION,

	/** A value could not be written or read as JSON. */
	SERIALIZATION,

	/** Redis is full and refuses writes ({@code maxmemory} with {@code noeviction}). */
	OOM,

	/** Any other Redis error. */
	OTHER;

	/**
	 * Return the tag value of this reason.
	 * @return the lower-case name
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Classify a failure.
	 * @param failure what a Redis call threw
	 * @return the reason
	 */
	public static FallbackReason of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SerializationException) {
				return SERIALIZATION;
			}
			if (cause instanceof QueryTimeoutException || cause instanceof RedisCommandTimeoutException) {
				return TIMEOUT;
			}
			if (cause instanceof RedisConnectionFailureException || cause instanceof RedisConnectionException) {
				return CONNECTION;
			}
			String message = cause.getMessage();
			if (message != null && message.startsWith("OOM ")) {
				return OOM;
			}
			if (message != null && (message.contains("Commands are rejected") || message.contains("Connection closed")
					|| message.contains("not connected"))) {
				return CONNECTION;
			}
		}
		return OTHER;
	}

}
