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

import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Redis was not called (an open circuit breaker) or failed; the caller falls back.
 *
 * @author redis-cache authors
 */
public class RedisUnavailableException extends DataAccessResourceFailureException {

	private final FallbackReason reason;

	/**
	 * Create an exception.
	 * @param reason why Redis is unavailable
	 * @param cause what Redis threw, or {@code null} when it was not called
	 */
	public RedisUnavailableException(FallbackReason reason, Throwable cause) {
		super("Redis unavailable (" + reason.tag() + ")", cause);
		this.reason = reason;
	}

	/**
	 * Return the exception a caller falls back from for what a Redis call threw: the
	 * exception itself if it already is one, a new one for a Redis or data access
	 * failure.
	 * @param failure what the call threw or completed with, possibly wrapped in a
	 * {@link CompletionException}
	 * @return the exception to fall back from
	 * @throws RuntimeException the failure itself if Redis did not cause it (a bug is not
	 * an outage)
	 */
	public static RedisUnavailableException from(Throwable failure) {
		Throwable cause = unwrapped(failure);
		if (cause instanceof RedisUnavailableException unavailable) {
			return unavailable;
		}
		if (isRedisFailure(cause)) {
			return new RedisUnavailableException(FallbackReason.of(cause), cause);
		}
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		throw new CompletionException(cause);
	}

	/**
	 * The failure a future completed with, without the {@link CompletionException} that
	 * wraps it.
	 */
	static Throwable unwrapped(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * Whether Redis caused a failure, rather than a bug of the caller.
	 */
	static boolean isRedisFailure(Throwable failure) {
		return failure instanceof DataAccessException || failure instanceof RedisException;
	}

	/**
	 * Return why Redis is unavailable.
	 * @return the reason
	 */
	public FallbackReason getReason() {
		return this.reason;
	}

}
