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
package io.github.rediscache.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every scenario, plain Spring Boot beside redis-cache in the same run against the
 * same embedded Redis, then the JMH serializer benchmark, and prints one table.
 *
 * <p>
 * Arguments: {@code --scale=F} multiplies every duration (1 for a real run, small for a
 * smoke run); {@code --no-jmh} skips JMH; {@code --hit-path-only} runs only the hit path
 * (for profiling); {@code --bytes-only} runs only bytes per entry (every encoding and
 * Redisson); {@code --stampede-only} runs only the stampede; {@code --near-only} runs
 * only the near-cache scenarios (standalone and cluster); {@code --failover-runs=N} runs
 * only the failover scenario with redis-cache, N times; {@code --faults-only} runs only
 * the fault scenarios (outage, hung server, partition keeping data, failover, departed
 * node); {@code --out=FILE} also writes the table there.
 */
public final class BenchmarkRunner {

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		double scale = 1;
		boolean jmh = true;
		boolean hitPathOnly = false;
		boolean nearOnly = false;
		Path out = null;
		int failoverRuns = 0;
		boolean faultsOnly = false;
		boolean bytesOnly = false;
		boolean stampedeOnly = false;
		for (String arg : args) {
			if (arg.startsWith("--scale=")) {
				scale = Double.parseDouble(arg.substring("--scale=".length()));
			}
			else if (arg.equals("--no-jmh")) {
				jmh = false;
			}
			else if (arg.equals("--hit-path-only")) {
				hitPathOnly = true;
			}
			else if (arg.equals("--near-only")) {
				nearOnly = true;
			}
			else if (arg.equals("--stampede-only")) {
				stampedeOnly = true;
			}
			else if (arg.equals("--bytes-only")) {
				bytesOnly = true;
			}
			else if (arg.equals("--faults-only")) {
				faultsOnly = true;
			}
			else if (arg.startsWith("--failover-runs=")) {
				failoverRuns = Integer.parseInt(arg.substring("--failover-runs=".length()));
			}
			else if (arg.startsWith("--out=")) {
				out = Path.of(arg.substring("--out=".length()));
			}
		}
		ResultTable results;
		if (faultsOnly) {
			results = new ResultTable();
			faults(new Scenarios(scale, results));
		}
		else if (failoverRuns > 0) {
			results = new ResultTable();
			new Scenarios(scale, results).failoverRepeated(failoverRuns);
		}
		else if (nearOnly) {
			results = new ResultTable();
			new NearCacheScenarios(new Scenarios(scale, results), scale, results).run();
		}
		else if (stampedeOnly) {
			results = new ResultTable();
			new Scenarios(scale, results).stampede();
		}
		else if (bytesOnly) {
			results = new ResultTable();
			new Scenarios(scale, results).bytesPerEntry();
		}
		else if (hitPathOnly) {
			results = new ResultTable();
			new Scenarios(scale, results).hitPath();
		}
		else {
			results = run(scale, jmh);
		}
		String table = results.toMarkdown();
		System.out.println();
		System.out.println(table);
		if (out != null) {
			Files.writeString(out, table);
		}
		System.exit(0);
	}

	static ResultTable run(double scale, boolean jmh) throws Exception {
		ResultTable table = new ResultTable();
		Scenarios scenarios = new Scenarios(scale, table);
		timed("hit path", scenarios::hitPath);
		timed("near cache", new NearCacheScenarios(scenarios, scale, table)::run);
		timed("bytes per entry", scenarios::bytesPerEntry);
		if (jmh) {
			timed("serializer", () -> serializer(table, scale));
		}
		timed("stampede", scenarios::stampede);
		faults(scenarios);
		return table;
	}

	private static void faults(Scenarios scenarios) throws Exception {
		timed("outage", scenarios::outage);
		timed("hung server", scenarios::hungServer);
		timed("restart keeping data", scenarios::partitionWithData);
		timed("failover", scenarios::failover);
		timed("departed node", scenarios::departedNode);
	}

	/**
	 * Run a scenario and say how long it took, so that a slow smoke run shows where.
	 */
	private static void timed(String scenario, Step step) throws Exception {
		long start = System.nanoTime();
		step.run();
		System.out.printf(Locale.ROOT, "Scenario '%s' took %.1f s%n", scenario, (System.nanoTime() - start) / 1e9);
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	private static void serializer(ResultTable table, double scale) throws Exception {
		Options options = new OptionsBuilder().include(SerializerBenchmark.class.getName())
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.milliseconds((long) (1000 * scale)))
			.measurementIterations(5)
			.measurementTime(TimeValue.milliseconds((long) (2000 * scale)))
			.threads(1)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		double plain = score(results, "plainBoot");
		double ours = score(results, "redisCache");
		double declared = score(results, "redisCacheDeclaredType");
		table.add("serializer (JMH)", "encode + decode ops/ms, one thread, read as Object", plain, ours);
		table.add("serializer (JMH)", "encode + decode ops/ms, one thread, read as declared type", plain, declared);
		double smile = score(results, "redisCacheSmile");
		double cbor = score(results, "redisCacheCbor");
		table.add("serializer (JMH)", "encode + decode ops/ms, declared type: redis-cache json (left) vs smile",
				ResultTable.format(declared), ResultTable.format(smile), ResultTable.format(smile / declared) + "x");
		table.add("serializer (JMH)", "encode + decode ops/ms, declared type: redis-cache json (left) vs cbor",
				ResultTable.format(declared), ResultTable.format(cbor), ResultTable.format(cbor / declared) + "x");
		int plainBytes = SerializerBenchmark.PLAIN.serialize(ProductDto.of(42)).length;
		table.add("serializer (JMH)", "encoded bytes, as Object", plainBytes,
				SerializerBenchmark.REDIS_CACHE.serialize(ProductDto.of(42)).length);
		table.add("serializer (JMH)", "encoded bytes, as declared type", plainBytes,
				SerializerBenchmark.REDIS_CACHE_DECLARED.serialize(ProductDto.of(42)).length);
	}

	private static double score(Collection<RunResult> results, String method) {
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().endsWith("." + method))
			.mapToDouble((result) -> result.getPrimaryResult().getScore())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No JMH result for " + method));
	}

}
