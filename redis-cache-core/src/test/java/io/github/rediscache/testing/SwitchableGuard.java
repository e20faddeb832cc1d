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
package io.github.rediscache.testing;

import java.util.function.Supplier;

import io.github.rediscache.resilience.FallbackReason;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.resilience.RedisUnavailableException;

/**
 * A guard that lets calls through, or fails them as an unreachable Redis would, for tests
 * of what callers of the guard do with either outcome.
 */
public final class SwitchableGuard implements RedisGuard {

	private volatile boolean up = true;

	/**
	 * Set whether calls reach Redis.
	 * @param up whether calls go through
	 */
	public void up(boolean up) {
		this.up = up;
	}

	@Override
	public <T> T call(byte[] routingKey, Supplier<T> call) {
		if (!this.up) {
			throw new RedisUnavailableException(FallbackReason.CONNECTION, null);
		}
		return call.get();
	}

}
