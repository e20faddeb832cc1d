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
	 * Return why Redis is unavailable.
	 * @return the reason
	 */
	public FallbackReason getReason() {
		return this.reason;
	}

}
