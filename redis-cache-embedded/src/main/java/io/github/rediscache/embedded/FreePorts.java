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
package io.github.rediscache.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out loopback ports that were free a moment ago and that this JVM has not handed
 * out before. A server that still loses the race to bind is restarted on new ports by its
 * caller.
 */
final class FreePorts {

	static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	static int next() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = bindEphemeral();
			if (handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("Could not find a free port on " + LOOPBACK.getHostAddress());
	}

	private static int bindEphemeral() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(LOOPBACK, 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not bind a port on " + LOOPBACK.getHostAddress(), ex);
		}
	}

}
