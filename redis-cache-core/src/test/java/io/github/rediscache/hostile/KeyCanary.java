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
package io.github.rediscache.hostile;

/**
 * Stands for a gadget class that Jackson can build from a string, as a map key or a
 * scalar: its static initializer and its constructor count in {@link Canary}.
 */
public final class KeyCanary {

	static {
		Canary.staticInitializations.incrementAndGet();
	}

	public KeyCanary(String value) {
		Canary.instances.incrementAndGet();
	}

}
