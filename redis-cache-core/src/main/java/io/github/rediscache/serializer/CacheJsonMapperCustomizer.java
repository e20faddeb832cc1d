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
package io.github.rediscache.serializer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Changes the cache's copy of the application's Jackson 3 {@link JsonMapper}, and nothing
 * else: the application's mapper is untouched. Spring Boot 4 applies every bean of this
 * type, in order, after the cache's own settings. The Jackson 3 form of
 * {@link CacheObjectMapperCustomizer}.
 *
 * @author redis-cache authors
 */
@FunctionalInterface
public interface CacheJsonMapperCustomizer {

	/**
	 * Customize the builder of the cache's mapper.
	 * @param builder a builder started from the application's mapper
	 */
	void customize(JsonMapper.Builder builder);

}
