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
package io.github.rediscache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownRedisCachePropertyException} that stopped start-up: each
 * unknown key, where it was set and the key it was probably meant as.
 *
 * @author redis-cache authors
 */
class UnknownRedisCachePropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownRedisCachePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownRedisCachePropertyException cause) {
		StringBuilder description = new StringBuilder("No redis-cache property has these keys:\n");
		cause.unknown().forEach((line) -> description.append("\n    ").append(line));
		return new FailureAnalysis(description.toString(),
				"Correct the keys, or remove them. To start with a warning instead while a configuration change "
						+ "rolls out, set redis-cache.unknown-properties=warn.",
				cause);
	}

}
