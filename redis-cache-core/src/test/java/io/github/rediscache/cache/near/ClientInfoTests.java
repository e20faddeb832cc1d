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
package io.github.rediscache.cache.near;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientInfoTests {

	private static final String TRACKING = "id=12 addr=127.0.0.1:50000 laddr=127.0.0.1:6379 fd=8 name= age=0 idle=0 "
			+ "flags=t db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 argv-mem=10 user=default redir=-1 resp=3\n";

	@Test
	void readsTheIdTheProtocolAndTheTrackingFlag() {
		assertThat(ClientInfo.id(TRACKING)).isEqualTo(12);
		assertThat(ClientInfo.field(TRACKING, "resp")).isEqualTo("3");
		assertThat(ClientInfo.tracking(TRACKING)).isTrue();
	}

	@Test
	void aConnectionWithoutTheFlagDoesNotTrack() {
		String plain = TRACKING.replace("flags=t", "flags=N");
		assertThat(ClientInfo.tracking(plain)).isFalse();
		assertThat(ClientInfo.field(plain, "laddr")).isEqualTo("127.0.0.1:6379");
	}

	@Test
	void aMissingFieldIsNullAndAMissingIdIsMinusOne() {
		assertThat(ClientInfo.field("addr=x flags=N", "resp")).isNull();
		assertThat(ClientInfo.field("addr=x flags=N", "id")).isNull();
		assertThat(ClientInfo.id("addr=x")).isEqualTo(-1);
		assertThat(ClientInfo.tracking("id=1")).isFalse();
	}

}
