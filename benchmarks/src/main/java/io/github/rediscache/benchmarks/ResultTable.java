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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of a run: one row per measurement, plain Spring Boot beside redis-cache.
 */
final class ResultTable {

	private final List<String[]> rows = new ArrayList<>();

	/**
	 * Add a row whose ratio is redis-cache divided by plain Boot.
	 * @param scenario the scenario
	 * @param metric what was measured, with its unit
	 * @param plain plain Spring Boot's value
	 * @param redisCache redis-cache's value
	 */
	void add(String scenario, String metric, double plain, double redisCache) {
		String ratio = (plain == 0) ? ((redisCache == 0) ? "1.00x" : "-") : format(redisCache / plain) + "x";
		this.rows.add(new String[] { scenario, metric, format(plain), format(redisCache), ratio });
	}

	/**
	 * Add a row with values that are not both numbers.
	 * @param scenario the scenario
	 * @param metric what was measured
	 * @param plain plain Spring Boot's value
	 * @param redisCache redis-cache's value
	 * @param ratio the ratio or a remark
	 */
	void add(String scenario, String metric, String plain, String redisCache, String ratio) {
		this.rows.add(new String[] { scenario, metric, plain, redisCache, ratio });
	}

	List<String[]> rows() {
		return this.rows;
	}

	String toMarkdown() {
		StringBuilder table = new StringBuilder(
				"| scenario | metric | plain Spring Boot | redis-cache | redis-cache / plain |\n|---|---|---|---|---|\n");
		for (String[] row : this.rows) {
			table.append("| ").append(String.join(" | ", row)).append(" |\n");
		}
		return table.toString();
	}

	static String format(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.format(Locale.ROOT, "%,d", (long) value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%,.0f" : "%.2f", value);
	}

}
