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

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.rediscache.embedded.EmbeddedRedis;
import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.github.rediscache.resilience.RedisGuard;
import io.github.rediscache.stampede.RedisLeases.Lease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiters hear a released lease from Redis itself: the release script publishes it and
 * the subscription wakes the waiter, with no poll in between.
 */
@EmbeddedRedis(configuration = "user no-pubsub on >no-pubsub-secret ~* resetchannels -@all +get +set +del +eval")
class LeaseReleasesIntegrationTests {

	private static final MissEvents NO_EVENTS = MissEvents.NONE;

	private final RedisNode redis;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private LettuceConnectionFactory connectionFactory;

	private LeaseReleases releases;

	LeaseReleasesIntegrationTests(RedisDeployment deployment) {
		this.redis = deployment.nodes().get(0);
	}

	@BeforeEach
	void connect() {
		this.connectionFactory = connectionFactory(null, null);
		this.releases = new LeaseReleases(this.connectionFactory, this.executor, Clock.systemUTC());
	}

	@AfterEach
	void disconnect() {
		this.releases.close();
		this.connectionFactory.destroy();
		this.executor.shutdownNow();
		this.redis.call((commands) -> commands.flushall());
	}

	@Test
	void aReleaseCompletesTheWaitersOfItsLeaseOnly() {
		this.releases.released("{warm-up}~lease");
		await().atMost(Duration.ofSeconds(5)).until(this.releases::isSubscribed);
		RedisLeases leases = new RedisLeases(this.connectionFactory, RedisGuard.failSafe());
		CompletableFuture<Void> mine = this.releases.released("{products::1}~lease");
		CompletableFuture<Void> other = this.releases.released("{products::2}~lease");
		Lease lease = leases.tryAcquire("{products::1}~lease", Duration.ofSeconds(10));
		assertThat(lease.release()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(mine::isDone);
		assertThat(other).isNotDone();
	}

	@Test
	void afterTheServerRestartsReleasesAreHeardAgain() {
		this.releases.released("{warm-up}~lease");
		await().atMost(Duration.ofSeconds(5)).until(this.releases::isSubscribed);
		this.redis.restart();
		RedisLeases leases = new RedisLeases(this.connectionFactory, RedisGuard.failSafe());
		CompletableFuture<Void> released = this.releases.released("{products::4}~lease");
		// Lettuce reconnects and subscribes again on its own; until then a release is not
		// heard.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			try {
				Lease lease = leases.tryAcquire("{products::4}~lease", Duration.ofSeconds(10));
				if (lease != null) {
					lease.release();
				}
			}
			catch (RuntimeException ex) {
				// Not reconnected yet.
			}
			return released.isDone();
		});
	}

	@Test
	void aWaiterTakesTheValueWhenTheHolderReleasesNotAtItsNextPoll() throws Exception {
		this.releases.released("{warm-up}~lease");
		await().atMost(Duration.ofSeconds(5)).until(this.releases::isSubscribed);
		AtomicInteger pauses = new AtomicInteger();
		// A pause that ignores its time: only the release ends it (or the test's bound).
		LoadCoordinator.Sleeper untilReleased = (released, duration) -> {
			pauses.incrementAndGet();
			try {
				released.get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new AssertionError("no release was heard", ex);
			}
		};
		RedisLeases leases = new RedisLeases(this.connectionFactory, RedisGuard.failSafe());
		LoadCoordinator waiter = new LoadCoordinator(leases, Clock.systemUTC(), () -> 0.5, untilReleased,
				this.releases);
		Lease holder = leases.tryAcquire(RedisLeases.leaseKeyFor("products::7"), Duration.ofSeconds(30));
		AtomicInteger loads = new AtomicInteger();
		Future<Object> waiting = this.executor
			.submit(() -> waiter.load("products::7", StampedeSettings.DEFAULTS.withLeaseWait(Duration.ofSeconds(30)),
					() -> (this.redis.<String>call((commands) -> commands.get("products::7")) != null)
							? new SimpleValueWrapper("stored") : null,
					() -> {
						loads.incrementAndGet();
						return "loaded";
					}, NO_EVENTS));
		await().atMost(Duration.ofSeconds(5)).until(() -> pauses.get() > 0);
		this.redis.call((commands) -> commands.set("products::7", "stored"));
		assertThat(holder.release()).isTrue();
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("stored");
		assertThat(loads).as("the waiter took the holder's value").hasValue(0);
		assertThat(pauses).as("woken by the release, once").hasValue(1);
	}

	@Test
	void aUserWhoMayNotPublishOrSubscribeStillReleasesAndWaitersPoll() {
		LettuceConnectionFactory restricted = connectionFactory("no-pubsub", "no-pubsub-secret");
		LeaseReleases refused = new LeaseReleases(restricted, this.executor, Clock.systemUTC());
		try {
			CompletableFuture<Void> released = refused.released("{products::3}~lease");
			RedisLeases leases = new RedisLeases(restricted, RedisGuard.failSafe());
			Lease lease = leases.tryAcquire("{products::3}~lease", Duration.ofSeconds(10));
			assertThat(lease.release()).as("released though PUBLISH is refused").isTrue();
			assertThat(this.redis.<Long>call((commands) -> commands.exists("{products::3}~lease"))).isZero();
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !refused.isSubscribed());
			assertThat(released).isNotDone();
		}
		finally {
			refused.close();
			restricted.destroy();
		}
	}

	private LettuceConnectionFactory connectionFactory(String user, String password) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(this.redis.host(),
				this.redis.port());
		if (user != null) {
			configuration.setUsername(user);
			configuration.setPassword(RedisPassword.of(password));
		}
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
