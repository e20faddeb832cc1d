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

import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperBuilderState;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Jackson 3 mapper with the cache's JSON configuration (the application's modules,
 * naming and inclusion, the cache's typing and allow-list) over another format's streams.
 * Jackson 3 has no {@code ObjectMapper.copyWith(factory)} and its readers and writers
 * keep their mapper's format, so the JSON mapper's saved builder state is rebuilt over
 * the format's factory, as Jackson's own {@code rebuild()} does, with the format's own
 * read and write features.
 *
 * @author redis-cache authors
 */
final class Jackson3FormatMapper extends MapperBuilder<ObjectMapper, Jackson3FormatMapper> {

	private Jackson3FormatMapper(MapperBuilderState json, TokenStreamFactory format) {
		super(json);
		this._streamFactory = format;
		this._formatReadFeatures = format.getFormatReadFeatures();
		this._formatWriteFeatures = format.getFormatWriteFeatures();
	}

	/**
	 * Return a mapper configured as the JSON mapper, over another format.
	 * @param json the JSON mapper
	 * @param format the format's factory
	 * @return the mapper
	 */
	static ObjectMapper of(JsonMapper json, TokenStreamFactory format) {
		return new Jackson3FormatMapper(json.rebuild().saveStateApplyModules(), format).build();
	}

	@Override
	public ObjectMapper build() {
		return new ObjectMapper(this) {

			private static final long serialVersionUID = 1L;

		};
	}

	@Override
	protected MapperBuilderState _saveState() {
		return new State(this);
	}

	private static final class State extends MapperBuilderState {

		private static final long serialVersionUID = 1L;

		State(Jackson3FormatMapper builder) {
			super(builder);
		}

		@Override
		protected Object readResolve() {
			throw new UnsupportedOperationException("A cache's format mapper is not serializable");
		}

	}

}
