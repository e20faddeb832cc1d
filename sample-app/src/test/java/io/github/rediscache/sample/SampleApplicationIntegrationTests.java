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
package io.github.rediscache.sample;

import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class SampleApplicationIntegrationTests {

	@Autowired
	RedisDeployment redis;

	@Autowired
	StringRedisTemplate template;

	@Test
	void defaultRunUsesAnEmbeddedClusterOfThreePrimariesWithOneReplicaEach() {
		assertThat(this.redis.isCluster()).isTrue();
		assertThat(this.redis.nodes()).hasSize(6);
		this.template.opsForValue().set("sample", "works");
		String stored = this.redis.primaryFor("sample").call((commands) -> commands.get("sample"));
		assertThat(stored).isEqualTo("works");
	}

}
