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
package io.github.rediscache.stampede;

import io.micrometer.observation.Observation;

/**
 * Told what one cache's misses go through in a coordinator: how the lease in Redis was
 * used, and when a caller starts waiting for a value another caller loads. Created once
 * per cache.
 *
 * @author redis-cache authors
 */
public interface MissEvents {

	/** Events that go nowhere. */
	MissEvents NONE = new MissEvents() {

		@Override
		public void lease(LeaseOutcome outcome) {
		}

		@Override
		public Observation waiting(String holder) {
			return Observation.NOOP;
		}

	};

	/**
	 * A caller that missed used the key's lease in Redis.
	 * @param outcome how the lease was used
	 */
	void lease(LeaseOutcome outcome);

	/**
	 * A caller starts waiting for the value another caller loads.
	 * @param holder who loads: {@code this-instance} or {@code other-instance}
	 * @return the started observation of the wait, stopped by the coordinator with its
	 * outcome
	 */
	Observation waiting(String holder);

}
