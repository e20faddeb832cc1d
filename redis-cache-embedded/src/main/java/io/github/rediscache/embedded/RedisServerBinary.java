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

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code redis-server} executable to run, in this order:
 * <ol>
 * <li>the {@code REDIS_SERVER} environment variable, naming an executable file;</li>
 * <li>{@code redis-server} on the {@code PATH};</li>
 * <li>the static, TLS-capable Redis 7.0.15 binaries shipped inside
 * {@code org.signal:embedded-redis:0.9.1}, extracted once into the temporary
 * directory.</li>
 * </ol>
 *
 * @author redis-cache authors
 */
public final class RedisServerBinary {

	/** Environment variable that names the {@code redis-server} executable to use. */
	public static final String ENVIRONMENT_VARIABLE = "REDIS_SERVER";

	private static final String BUNDLED_VERSION = "7.0.15";

	private static final String HOW_TO_FIX = "Set the REDIS_SERVER environment variable to a redis-server executable, "
			+ "put redis-server on the PATH, or add org.signal:embedded-redis:0.9.1 (static binaries for "
			+ "linux/darwin amd64/arm64) to the classpath";

	private static volatile Path resolved;

	private RedisServerBinary() {
	}

	/**
	 * Return the {@code redis-server} executable for this JVM, resolving it on first use.
	 * @return the path of an executable {@code redis-server}
	 * @throws IllegalStateException if no executable can be found, with the three ways to
	 * provide one
	 */
	public static Path resolve() {
		Path binary = resolved;
		if (binary == null) {
			binary = resolve(System.getenv(), System.getProperty("os.name"), System.getProperty("os.arch"),
					Path.of(System.getProperty("java.io.tmpdir"), "redis-cache-embedded"));
			resolved = binary;
		}
		return binary;
	}

	static Path resolve(Map<String, String> environment, String osName, String osArch, Path extractionDirectory) {
		String configured = environment.get(ENVIRONMENT_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
				throw new IllegalStateException(
						ENVIRONMENT_VARIABLE + "=" + configured + " is not an executable file. " + HOW_TO_FIX + ".");
			}
			return path;
		}
		return onPath(environment.get("PATH"))
			.or(() -> bundled(bundledResourceName(osName, osArch), extractionDirectory))
			.orElseThrow(() -> new IllegalStateException(
					"No redis-server executable found for " + osName + "/" + osArch + ". " + HOW_TO_FIX + "."));
	}

	private static Optional<Path> onPath(String path) {
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Path candidate = Path.of(directory, "redis-server");
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	static String bundledResourceName(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT);
		String family = os.contains("linux") ? "linux"
				: (os.contains("mac") || os.contains("darwin")) ? "darwin" : null;
		String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			default -> null;
		};
		return (family != null && arch != null) ? "redis-server-" + BUNDLED_VERSION + "-" + family + "-" + arch : null;
	}

	private static Optional<Path> bundled(String resourceName, Path extractionDirectory) {
		if (resourceName == null) {
			return Optional.empty();
		}
		try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resourceName)) {
			if (in == null) {
				return Optional.empty();
			}
			Path target = extractionDirectory.resolve(resourceName);
			if (!Files.isExecutable(target)) {
				Files.createDirectories(extractionDirectory);
				Path partial = Files.createTempFile(extractionDirectory, resourceName, ".partial");
				Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
				partial.toFile().setExecutable(true, false);
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			return Optional.of(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not extract " + resourceName + " to " + extractionDirectory, ex);
		}
	}

}
