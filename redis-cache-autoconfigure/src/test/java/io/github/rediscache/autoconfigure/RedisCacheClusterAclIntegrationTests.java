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

import io.github.rediscache.autoconfigure.app.CatalogueService;
import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.EmbeddedRedis.Topology;
import io.github.rediscache.embedded.RedisDeployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The least-privilege ACL user of docs/production-guide.md on a cluster, which also needs
 * to read the topology.
 */
@EmbeddedRedis(topology = Topology.CLUSTER,
		configuration = "user cache-app on >cache-secret resetkeys ~app:* ~{app:* resetchannels -@all "
				+ RedisCacheClusterAclIntegrationTests.CLUSTER_COMMANDS)
class RedisCacheClusterAclIntegrationTests {

	static final String CLUSTER_COMMANDS = "+get +set +del +unlink +scan +eval +cluster|nodes";

	@Test
	void leastPrivilegeUserRunsEveryCacheOperationOnEveryShard(RedisDeployment redis) {
		TestContexts.with(redis)
			.withPropertyValues("spring.data.redis.username=cache-app", "spring.data.redis.password=cache-secret",
					"redis-cache.key-prefix=app:")
			.run((context) -> {
				CatalogueService service = context.getBean(CatalogueService.class);
				for (long id = 0; id < 20; id++) {
					service.productSync(id);
					service.productSync(id);
				}
				assertThat(service.loads()).isEqualTo(20);
				service.deleteAll();
				for (long id = 0; id < 20; id++) {
					service.product(id);
				}
				assertThat(service.loads()).isEqualTo(40);
			});
	}

}
