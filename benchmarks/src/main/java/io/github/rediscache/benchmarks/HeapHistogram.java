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

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.management.ObjectName;

/**
 * The JVM's class histogram (what {@code jcmd <pid> GC.class_histogram} prints, which
 * runs a full collection first), and the difference of two as bytes per entry: where a
 * cache's heap per entry goes.
 *
 * @param classes bytes and instances by class name
 */
record HeapHistogram(Map<String, long[]> classes) {

	static HeapHistogram take() {
		try {
			String text = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { null }, new String[] { String[].class.getName() });
			Map<String, long[]> classes = new HashMap<>();
			for (String line : text.split("\n")) {
				String[] columns = line.trim().split("\\s+");
				if (columns.length >= 4 && columns[0].endsWith(":")) {
					classes.put(columns[3], new long[] { Long.parseLong(columns[2]), Long.parseLong(columns[1]) });
				}
			}
			return new HeapHistogram(classes);
		}
		catch (Exception ex) {
			throw new IllegalStateException("No class histogram from the DiagnosticCommand MBean", ex);
		}
	}

	/**
	 * Describe what a number of entries added, by class, largest first.
	 * @param before the histogram before the entries
	 * @param entries how many entries were added
	 * @return one line per class that grew by at least a byte per entry
	 */
	String growthSince(HeapHistogram before, double entries) {
		StringBuilder text = new StringBuilder();
		this.classes.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(),
					new double[] { (entry.getValue()[0] - before.bytes(entry.getKey())) / entries,
							(entry.getValue()[1] - before.instances(entry.getKey())) / entries }))
			.filter((entry) -> entry.getValue()[0] >= 1)
			.sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
			.forEach((entry) -> text.append(String.format(Locale.ROOT, "  %7.1f B %6.2f x %s%n", entry.getValue()[0],
					entry.getValue()[1], entry.getKey())));
		return text.toString();
	}

	private long bytes(String name) {
		long[] found = this.classes.get(name);
		return (found != null) ? found[0] : 0;
	}

	private long instances(String name) {
		long[] found = this.classes.get(name);
		return (found != null) ? found[1] : 0;
	}

}
