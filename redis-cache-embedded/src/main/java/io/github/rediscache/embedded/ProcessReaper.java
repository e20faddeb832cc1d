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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure no {@code redis-server} outlives the JVM that started it: a shutdown hook
 * stops the servers still running when the JVM exits, and a small watchdog shell, started
 * once per JVM, kills them from their pid files if the JVM is killed outright.
 */
final class ProcessReaper {

	private static final ProcessReaper INSTANCE = new ProcessReaper();

	private static final String WATCHDOG = """
			while kill -0 "$1" 2>/dev/null; do sleep 1; done
			for f in "$2"/*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
			rm -rf "$2"
			""";

	private final Set<RedisNode> running = ConcurrentHashMap.newKeySet();

	private volatile Path pidDirectory;

	private ProcessReaper() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "redis-cache-embedded-reaper"));
	}

	static ProcessReaper get() {
		return INSTANCE;
	}

	void register(RedisNode node, long pid) {
		this.running.add(node);
		write(pidFile(node), Long.toString(pid));
	}

	void unregister(RedisNode node) {
		this.running.remove(node);
		try {
			Files.deleteIfExists(pidFile(node));
		}
		catch (IOException ex) {
			// The watchdog only kills live processes named in its files; a stale file is
			// harmless.
		}
	}

	private void stopAll() {
		for (RedisNode node : this.running) {
			node.kill();
		}
		Path directory = this.pidDirectory;
		if (directory != null) {
			try {
				// Empty now; the watchdog would remove it too, but a Ctrl+C stops the
				// watchdog with the JVM.
				Files.deleteIfExists(directory);
			}
			catch (IOException ex) {
				// Not empty (a node that would not die) or gone: the watchdog's business.
			}
		}
	}

	private Path pidFile(RedisNode node) {
		return pidDirectory().resolve(node.port() + ".pid");
	}

	private synchronized Path pidDirectory() {
		if (this.pidDirectory == null) {
			long jvm = ProcessHandle.current().pid();
			Path directory = Path.of(System.getProperty("java.io.tmpdir"), "redis-cache-embedded", "pids",
					Long.toString(jvm));
			try {
				Files.createDirectories(directory);
				new ProcessBuilder("sh", "-c", WATCHDOG, "redis-cache-embedded-watchdog", Long.toString(jvm),
						directory.toString())
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.redirectError(ProcessBuilder.Redirect.DISCARD)
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the redis-server watchdog", ex);
			}
			this.pidDirectory = directory;
		}
		return this.pidDirectory;
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

}
