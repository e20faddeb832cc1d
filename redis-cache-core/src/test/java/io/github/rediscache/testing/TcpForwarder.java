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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback that can be paused: while paused it neither forwards nor
 * closes anything, so both ends see a network partition (no reset, no answer) rather than
 * a closed connection.
 */
public final class TcpForwarder implements AutoCloseable {

	private final ServerSocket server;

	private final String host;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private boolean paused;

	private TcpForwarder(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon(this::accept);
	}

	/**
	 * Start forwarding a free loopback port to a target.
	 * @param host the target host
	 * @param port the target port
	 * @return the running forwarder
	 * @throws IOException if the port cannot be opened
	 */
	public static TcpForwarder to(String host, int port) throws IOException {
		return new TcpForwarder(host, port);
	}

	/**
	 * Return the port that forwards.
	 * @return the local port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Stop forwarding in both directions, keeping every connection open.
	 */
	public void pause() {
		synchronized (this.gate) {
			this.paused = true;
		}
	}

	/**
	 * Forward again what was held back and what comes next.
	 */
	public void resume() {
		synchronized (this.gate) {
			this.paused = false;
			this.gate.notifyAll();
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket target = new Socket(this.host, this.port);
				this.sockets.add(client);
				this.sockets.add(target);
				daemon(() -> pump(client, target));
				daemon(() -> pump(target, client));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				awaitResumed();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// One side closed: close the other.
		}
		finally {
			close(from);
			close(to);
		}
	}

	private void awaitResumed() throws InterruptedException {
		synchronized (this.gate) {
			while (this.paused) {
				this.gate.wait();
			}
		}
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "tcp-forwarder");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		resume();
		this.server.close();
		this.sockets.forEach(TcpForwarder::close);
	}

}
