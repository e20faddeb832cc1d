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
package io.github.rediscache.stampede;

import java.time.Duration;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.stampede.RedisLeases.Lease;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedRedis
class RedisLeasesIntegrationTests {

	private final RedisNode redis;

	private LettuceConnectionFactory connectionFactory;

	private RedisLeases leases;

	RedisLeasesIntegrationTests(RedisDeployment deployment) {
		this.redis = deployment.nodes().get(0);
	}

	@BeforeEach
	void connect() {
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(this.redis.host(), this.redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.leases = new RedisLeases(this.connectionFactory, RedisGuard.failSafe());
	}

	@AfterEach
	void disconnect() {
		this.connectionFactory.destroy();
		this.redis.call((commands) -> commands.flushall());
	}

	@Test
	void oneHolderAtATimeAlwaysWithAnExpiry() {
		Lease first = this.leases.tryAcquire("{products::1}~lease", Duration.ofSeconds(10));
		assertThat(first).isNotNull();
		assertThat(this.leases.tryAcquire("{products::1}~lease", Duration.ofSeconds(10))).isNull();
		long ttl = this.redis.call((commands) -> commands.pttl("{products::1}~lease"));
		assertThat(ttl).isBetween(1L, 10_000L);
		assertThat(first.release()).isTrue();
		assertThat(this.leases.tryAcquire("{products::1}~lease", Duration.ofSeconds(10))).isNotNull();
	}

	@Test
	void holderWhoseLeaseExpiredDoesNotReleaseTheNextHoldersLease() {
		Lease expired = this.leases.tryAcquire("{products::2}~lease", Duration.ofMillis(100));
		assertThat(expired).isNotNull();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.redis.<Long>call((commands) -> commands.exists("{products::2}~lease")) == 0);
		Lease next = this.leases.tryAcquire("{products::2}~lease", Duration.ofSeconds(10));
		assertThat(next).isNotNull();
		assertThat(expired.release()).isFalse();
		long exists = this.redis.call((commands) -> commands.exists("{products::2}~lease"));
		assertThat(exists).isOne();
		assertThat(next.release()).isTrue();
	}

	@Test
	void leaseKeyIsInTheSameHashSlotAsTheEntry() {
		for (String entry : new String[] { "products::42", "app:products:v2::42", "products::{tenant-7}:42",
				"products::{x" }) {
			String lease = RedisLeases.leaseKeyFor(entry);
			assertThat(lease).as(entry).isNotEqualTo(entry).endsWith("~lease");
			assertThat(SlotHash.getSlot(lease)).as(lease).isEqualTo(SlotHash.getSlot(entry));
		}
		assertThat(RedisLeases.leaseKeyFor("products::{}:42")).isEqualTo("products::{}:42~lease");
		assertThat(RedisLeases.leaseKeyFor("products::}{")).isEqualTo("products::}{~lease");
	}

}
