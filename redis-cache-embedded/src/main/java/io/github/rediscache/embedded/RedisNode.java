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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One {@code redis-server} process on {@code 127.0.0.1}, with the faults a test may
 * inject into it. Its log is kept in its directory; {@link #logTail(int)} reads it.
 *
 * @author redis-cache authors
 */
public final class RedisNode {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private static final int START_ATTEMPTS = 3;

	private final Path binary;

	private final Path directory;

	private final List<String> configuration;

	private final boolean tls;

	private final boolean cluster;

	private final RedisAdmin admin;

	private volatile int port;

	private volatile int busPort;

	private volatile Process process;

	RedisNode(Path binary, Path directory, List<String> configuration, boolean tls, boolean cluster, RedisAdmin admin) {
		this.binary = binary;
		this.directory = directory;
		this.configuration = List.copyOf(configuration);
		this.tls = tls;
		this.cluster = cluster;
		this.admin = admin;
	}

	void start() {
		for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
			this.port = FreePorts.next();
			this.busPort = this.cluster ? FreePorts.next() : 0;
			if (launch()) {
				return;
			}
			if (!logTail(20).contains("Address already in use")) {
				break;
			}
		}
		throw new IllegalStateException(
				"redis-server did not start on port " + this.port + "; its log ends with:\n" + logTail(20));
	}

	/**
	 * Return the host clients connect to.
	 * @return always {@code 127.0.0.1}
	 */
	public String host() {
		return FreePorts.LOOPBACK.getHostAddress();
	}

	/**
	 * Return the port clients connect to (the TLS port when TLS is on).
	 * @return the client port
	 */
	public int port() {
		return this.port;
	}

	int busPort() {
		return this.busPort;
	}

	/**
	 * Return the process id of the server.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public long pid() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw new IllegalStateException(this + " is not running");
		}
		return current.pid();
	}

	/**
	 * Return whether the server process is alive (a suspended process is alive).
	 * @return whether the process is alive
	 */
	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Kill the server with {@code SIGKILL} and wait until it is gone. Does nothing if it
	 * is not running.
	 */
	public void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			try {
				current.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			ProcessReaper.get().unregister(this);
		}
	}

	/**
	 * Freeze the server with {@code SIGSTOP}: its sockets stay open but it answers
	 * nothing until {@link #resume()}.
	 */
	public void suspend() {
		signal("STOP");
	}

	/**
	 * Let a server frozen by {@link #suspend()} run again with {@code SIGCONT}.
	 */
	public void resume() {
		signal("CONT");
	}

	/**
	 * Start the server again on the same port and with the same configuration, killing it
	 * first if it still runs. Data is not kept; a cluster node keeps its identity.
	 */
	public void restart() {
		kill();
		if (!launch()) {
			throw new IllegalStateException(this + " did not restart; its log ends with:\n" + logTail(20));
		}
	}

	/**
	 * Pause all clients of this server for the given time ({@code CLIENT PAUSE}).
	 * @param duration how long clients are paused
	 */
	public void pauseClients(Duration duration) {
		call((commands) -> commands.clientPause(duration.toMillis()));
	}

	/**
	 * Run commands on this server as its default user over a new connection.
	 * @param <T> the result type
	 * @param command what to run
	 * @return what the command returned
	 */
	public <T> T call(Function<RedisCommands<String, String>, T> command) {
		return this.admin.call(this.port, command);
	}

	/**
	 * Return the keys of this server that match a pattern, found with {@code SCAN}
	 * (which, unlike {@code KEYS}, has the same signature in Lettuce 6 and 7, so that
	 * tests built against one run on the other).
	 * @param pattern a glob-style pattern such as {@code products::*}
	 * @return the keys
	 */
	public List<String> keys(String pattern) {
		return call((commands) -> ScanIterator.scan(commands, ScanArgs.Builder.matches(pattern)).stream().toList());
	}

	/**
	 * Return the last lines of the server's log, after anything it printed before its log
	 * file was open (such as a configuration error).
	 * @param lines how many lines at most
	 * @return the lines, joined by newlines
	 */
	public String logTail(int lines) {
		List<String> all = new ArrayList<>();
		for (Path file : List.of(this.directory.resolve("stdout.log"), logFile())) {
			try {
				all.addAll(Files.readAllLines(file));
			}
			catch (IOException ex) {
				// Not written yet.
			}
		}
		return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	@Override
	public String toString() {
		return "redis-server " + host() + ":" + this.port;
	}

	private boolean launch() {
		try {
			Path config = Files.write(this.directory.resolve("redis.conf"), configurationFile());
			this.process = new ProcessBuilder(this.binary.toString(), config.toString())
				.directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("stdout.log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.binary, ex);
		}
		ProcessReaper.get().register(this, this.process.pid());
		return awaitReady();
	}

	private boolean awaitReady() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				ProcessReaper.get().unregister(this);
				return false;
			}
			try {
				call(RedisCommands::ping);
				return true;
			}
			catch (RedisException ex) {
				pause(Duration.ofMillis(20));
			}
		}
		kill();
		return false;
	}

	private List<String> configurationFile() {
		List<String> lines = new ArrayList<>();
		lines.add("bind " + host());
		lines.add(this.tls ? "port 0" : "port " + this.port);
		if (this.tls) {
			lines.add("tls-port " + this.port);
		}
		if (this.cluster) {
			lines.add("cluster-port " + this.busPort);
		}
		lines.add("dir " + this.directory);
		lines.add("logfile " + logFile());
		lines.addAll(this.configuration);
		return lines;
	}

	private Path logFile() {
		return this.directory.resolve("redis.log");
	}

	private void signal(String signal) {
		try {
			int exit = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid()).start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill -" + signal + " " + this + " exited with " + exit);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for redis-server", ex);
		}
	}

}
