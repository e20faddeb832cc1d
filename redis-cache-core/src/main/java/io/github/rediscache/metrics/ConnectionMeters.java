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
package io.github.rediscache.metrics;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.core.Disposable;

/**
 * {@code redis.client.connections} (gauge, tag {@code node} = {@code host:port}): the
 * connections this instance holds open to each Redis node, counted from the client's
 * connection events, so that an operator can check {@code instances × connections per
 * node} against the node's {@code maxclients}. Connections opened before the binder was
 * bound are not counted.
 *
 * @author redis-cache authors
 */
public class ConnectionMeters implements MeterBinder, AutoCloseable {

	/** Name of the gauge of open connections per node. */
	public static final String CONNECTIONS = "redis.client.connections";

	private final ClientResources resources;

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private volatile Disposable subscription;

	/**
	 * Create the binder.
	 * @param resources the resources of the client whose connections are counted
	 */
	public ConnectionMeters(ClientResources resources) {
		this.resources = resources;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.subscription = this.resources.eventBus().get().subscribe((event) -> counted(event, registry));
	}

	private void counted(Event event, MeterRegistry registry) {
		if (event instanceof ConnectionActivatedEvent activated) {
			count(node(activated.remoteAddress()), 1, registry);
		}
		else if (event instanceof ConnectionDeactivatedEvent deactivated) {
			count(node(deactivated.remoteAddress()), -1, registry);
		}
	}

	private void count(String node, int delta, MeterRegistry registry) {
		AtomicInteger count = this.open.computeIfAbsent(node, (key) -> {
			AtomicInteger created = new AtomicInteger();
			Gauge.builder(CONNECTIONS, created, AtomicInteger::get)
				.description("Connections this instance holds open to a Redis node")
				.tag("node", key)
				.register(registry);
			return created;
		});
		count.updateAndGet((current) -> Math.max(0, current + delta));
	}

	private static String node(SocketAddress address) {
		return (address instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(address);
	}

	/**
	 * Stop counting.
	 */
	@Override
	public void close() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
	}

}
