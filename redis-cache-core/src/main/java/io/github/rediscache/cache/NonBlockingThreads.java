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
package io.github.rediscache.cache;

import io.netty.util.concurrent.FastThreadLocalThread;
import reactor.core.scheduler.Schedulers;

/**
 * Tells whether the current thread must not block: a Netty event loop or executor thread
 * (Lettuce runs the completions of its commands there, and Spring's reactive caching
 * calls a cache's {@code put} and {@code evict} from them) or a Reactor non-blocking
 * thread. A blocking Redis call there stalls every connection of that event loop, and one
 * that has to open a connection first never returns.
 *
 * @author redis-cache authors
 */
final class NonBlockingThreads {

	private NonBlockingThreads() {
	}

	static boolean current() {
		return Thread.currentThread() instanceof FastThreadLocalThread || Schedulers.isInNonBlockingThread();
	}

}
