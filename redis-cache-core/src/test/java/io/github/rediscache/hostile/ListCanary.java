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

import java.util.ArrayList;

/**
 * Stands for a gadget collection outside the allow-list: its static initializer and its
 * constructor count in {@link Canary}.
 *
 * @param <T> the element type
 */
public class ListCanary<T> extends ArrayList<T> {

	private static final long serialVersionUID = 1L;

	static {
		Canary.staticInitializations.incrementAndGet();
	}

	public ListCanary() {
		Canary.instances.incrementAndGet();
	}

}
