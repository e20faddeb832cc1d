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
package io.github.rediscache.resilience;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import reactor.core.Disposable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.lang.Nullable;

/**
 * A {@link RedisGuard} with Resilience4j circuit breakers: one per cluster shard (chosen
 * by the shard that serves the routing key), or one for a standalone Redis. An open
 * breaker fails calls at once with {@link FallbackReason#OPEN}; Redis errors are counted,
 * except {@code OOM} refusals, which say nothing about Redis being reachable. Besides the
 * breaker's rates, a number of failed or slow calls in a row opens it at once, so that a
 * hung server opens it within a command timeout or two whatever the traffic before. While
 * a breaker is open, its node is asked in the background whether it answers again
 * ({@link OpenBreakerProbe}); a node that answers is probed by callers at once.
 *
 * @author redis-cache authors
 */
public class CircuitBreakerRedisGuard implements RedisGuard, AutoCloseable {

	/** Name of the breaker of standalone Redis and of calls that span shards. */
	public static final String DEFAULT_BREAKER = "redis-cache";

	private final CircuitBreakerRegistry registry;

	private final Function<byte[], String> shardOf;

	private final Runnable shardUnavailable;

	private final int consecutiveFailuresToOpen;

	private final Supplier<Set<String>> liveShards;

	@Nullable
	private volatile Disposable reconnects;

	@Nullable
	private volatile OpenBreakerProbe probe;

	private final Map<String, Shard> shards = new ConcurrentHashMap<>();

	/**
	 * Create the guard for a connection factory: one breaker per shard of a Lettuce
	 * cluster (asking Lettuce to refresh its topology while a shard is unavailable),
	 * otherwise one breaker. Every state change of a breaker is logged once.
	 * @param registry where breakers are created, with their configuration
	 * @param connectionFactory the connection factory whose calls are guarded
	 * @return the guard
	 */
	public static CircuitBreakerRedisGuard create(CircuitBreakerRegistry registry,
			RedisConnectionFactory connectionFactory) {
		return create(registry, connectionFactory, ResilienceSettings.DEFAULTS.consecutiveFailuresToOpen());
	}

	/**
	 * Create the guard for a connection factory, as
	 * {@link #create(CircuitBreakerRegistry, RedisConnectionFactory)} does, opening a
	 * breaker after the given number of consecutive failed or slow calls.
	 * @param registry where breakers are created, with their configuration
	 * @param connectionFactory the connection factory whose calls are guarded
	 * @param consecutiveFailuresToOpen failed or slow calls in a row that open a breaker
	 * @return the guard
	 */
	public static CircuitBreakerRedisGuard create(CircuitBreakerRegistry registry,
			RedisConnectionFactory connectionFactory, int consecutiveFailuresToOpen) {
		BreakerStateLogger.attach(registry);
		CircuitBreakerRedisGuard guard;
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware()) {
			ClusterShards shards = new ClusterShards(lettuce);
			guard = new CircuitBreakerRedisGuard(registry, shards, shards::refreshTopology, consecutiveFailuresToOpen,
					shards::primaries);
		}
		else {
			guard = new CircuitBreakerRedisGuard(registry, (key) -> null, () -> {
			}, consecutiveFailuresToOpen, () -> null);
		}
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.getClientResources() != null) {
			guard.reconnects = lettuce.getClientResources()
				.eventBus()
				.get()
				.filter(ConnectionActivatedEvent.class::isInstance)
				.subscribe((event) -> guard.connectionActivated(((ConnectionActivatedEvent) event).remoteAddress()));
		}
		guard.probe = new OpenBreakerProbe((shard) -> answers(connectionFactory, shard));
		return guard;
	}

	/**
	 * Return whether a shard, or the whole of Redis, answers a {@code PING}, bypassing
	 * the guard.
	 */
	private static boolean answers(RedisConnectionFactory connectionFactory, @Nullable String shard) {
		try (RedisConnection connection = connectionFactory.getConnection()) {
			int colon = (shard != null) ? shard.lastIndexOf(':') : -1;
			String pong = (colon > 0 && connection instanceof RedisClusterConnection cluster) ? cluster
				.ping(new RedisClusterNode(shard.substring(0, colon), Integer.parseInt(shard.substring(colon + 1))))
					: connection.ping();
			return "PONG".equalsIgnoreCase(pong);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Create the breaker configuration for a cache from its settings: a time-based,
	 * lock-free window (every cache call of every thread records into it), a slow-call
	 * threshold of 80 % of the command timeout unless set, automatic half-open, and
	 * {@code OOM} refusals not counted as failures.
	 * @param settings the settings
	 * @param commandTimeout the client's command timeout
	 * @return the configuration
	 */
	public static CircuitBreakerConfig config(ResilienceSettings settings, Duration commandTimeout) {
		Duration slowCall = (settings.slowCallDurationThreshold() != null) ? settings.slowCallDurationThreshold()
				: commandTimeout.multipliedBy(4).dividedBy(5);
		int windowSeconds = (int) Math.max(1, settings.slidingWindow().toSeconds());
		return CircuitBreakerConfig.custom()
			.slidingWindowType(SlidingWindowType.TIME_BASED)
			// Resilience4j's lock-free time window of one bucket fails with a
			// NullPointerException (its issues 2334 and 2379); such a short window takes
			// the synchronized one.
			.slidingWindowSynchronizationStrategy(
					(windowSeconds < 2) ? SlidingWindowSynchronizationStrategy.SYNCHRONIZED
							: SlidingWindowSynchronizationStrategy.LOCK_FREE)
			.slidingWindowSize(windowSeconds)
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.slowCallRateThreshold(settings.slowCallRateThreshold())
			.slowCallDurationThreshold(slowCall)
			.waitDurationInOpenState(settings.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.ignoreException((failure) -> FallbackReason.of(failure) == FallbackReason.OOM)
			.build();
	}

	/**
	 * Create a guard for a standalone Redis.
	 * @param registry where breakers are created, with their configuration
	 */
	public CircuitBreakerRedisGuard(CircuitBreakerRegistry registry) {
		this(registry, (key) -> null, () -> {
		}, ResilienceSettings.DEFAULTS.consecutiveFailuresToOpen());
	}

	/**
	 * Create a guard.
	 * @param registry where breakers are created, with their configuration
	 * @param shardOf the name of the shard serving a key, or {@code null} if unknown
	 * @param shardUnavailable called (often) while a shard fails or its breaker is open,
	 * for example to refresh the cluster topology
	 * @param consecutiveFailuresToOpen failed or slow calls in a row that open a breaker,
	 * whatever the rates over its window
	 */
	public CircuitBreakerRedisGuard(CircuitBreakerRegistry registry, Function<byte[], String> shardOf,
			Runnable shardUnavailable, int consecutiveFailuresToOpen) {
		this(registry, shardOf, shardUnavailable, consecutiveFailuresToOpen, () -> null);
	}

	/**
	 * Create a guard that drops the breakers of shards that left the topology.
	 * @param registry where breakers are created, with their configuration
	 * @param shardOf the name of the shard serving a key, or {@code null} if unknown
	 * @param shardUnavailable called (often) while a shard fails or its breaker is open
	 * @param consecutiveFailuresToOpen failed or slow calls in a row that open a breaker
	 * @param liveShards the shards in the current topology, or {@code null} if unknown
	 */
	public CircuitBreakerRedisGuard(CircuitBreakerRegistry registry, Function<byte[], String> shardOf,
			Runnable shardUnavailable, int consecutiveFailuresToOpen, Supplier<Set<String>> liveShards) {
		this.registry = registry;
		this.shardOf = shardOf;
		this.shardUnavailable = shardUnavailable;
		this.consecutiveFailuresToOpen = consecutiveFailuresToOpen;
		this.liveShards = liveShards;
	}

	@Override
	public <T> T call(@Nullable byte[] routingKey, Supplier<T> call) {
		Shard shard = permittedShard(routingKey);
		long start = System.nanoTime();
		try {
			T result = call.get();
			succeeded(shard, System.nanoTime() - start);
			return result;
		}
		catch (DataAccessException | RedisException ex) {
			throw failed(shard, System.nanoTime() - start, ex);
		}
		catch (RuntimeException | Error ex) {
			shard.breaker().releasePermission();
			throw ex;
		}
	}

	/**
	 * Run an asynchronous Redis call, judging it by its completion: the same breaker,
	 * thresholds and consecutive-failure trip as a blocking call.
	 */
	@Override
	public <T> CompletableFuture<T> callAsync(@Nullable byte[] routingKey,
			Supplier<? extends CompletionStage<T>> call) {
		Shard shard;
		try {
			shard = permittedShard(routingKey);
		}
		catch (RedisUnavailableException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		long start = System.nanoTime();
		CompletableFuture<T> started;
		try {
			started = call.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			started = CompletableFuture.failedFuture(ex);
		}
		return started.handle((result, failure) -> {
			long nanos = System.nanoTime() - start;
			if (failure == null) {
				succeeded(shard, nanos);
				return result;
			}
			Throwable cause = RedisUnavailableException.unwrapped(failure);
			if (RedisUnavailableException.isRedisFailure(cause)) {
				throw new CompletionException(failed(shard, nanos, (RuntimeException) cause));
			}
			shard.breaker().releasePermission();
			throw (failure instanceof CompletionException completion) ? completion : new CompletionException(cause);
		});
	}

	private Shard permittedShard(@Nullable byte[] routingKey) {
		Shard shard = shardFor(routingKey);
		if (!shard.breaker().tryAcquirePermission()) {
			this.shardUnavailable.run();
			throw new RedisUnavailableException(FallbackReason.OPEN, null);
		}
		return shard;
	}

	private void succeeded(Shard shard, long nanos) {
		CircuitBreaker breaker = shard.breaker();
		breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
		if (nanos >= breaker.getCircuitBreakerConfig().getSlowCallDurationThreshold().toNanos()) {
			// A shard's first calls open its connection and warm the JVM's code paths:
			// slow,
			// but not a slow server. They count in the breaker's rates, not in a run.
			if (shard.answeredFast().get()) {
				badCall(shard);
			}
		}
		else {
			if (!shard.answeredFast().get()) {
				shard.answeredFast().set(true);
			}
			if (shard.badStreak().get() != 0) {
				// Read first: a write on every hit would bounce the counter between
				// cores.
				shard.badStreak().set(0);
			}
		}
	}

	private RedisUnavailableException failed(Shard shard, long nanos, RuntimeException ex) {
		CircuitBreaker breaker = shard.breaker();
		breaker.onError(nanos, TimeUnit.NANOSECONDS, ex);
		if (!breaker.getCircuitBreakerConfig().getIgnoreExceptionPredicate().test(ex)) {
			badCall(shard);
		}
		this.shardUnavailable.run();
		return RedisUnavailableException.from(ex);
	}

	/**
	 * Return the registry the guard's breakers live in.
	 * @return the registry
	 */
	public CircuitBreakerRegistry registry() {
		return this.registry;
	}

	@Override
	public Map<String, String> breakerStates() {
		Set<String> live = this.liveShards.get();
		dropDepartedShards(live);
		if (live != null) {
			// Every primary has a breaker from the first look, not from its first call:
			// health shows each shard of the cluster, as the docs say.
			live.forEach(this::shardNamed);
		}
		Map<String, String> states = new TreeMap<>();
		this.registry.getAllCircuitBreakers()
			.forEach((breaker) -> states.put(breaker.getName(), breaker.getState().name()));
		return states;
	}

	/**
	 * Return the breaker that guards calls about the given key.
	 * @param routingKey the key, or {@code null} for calls that span shards
	 * @return the breaker
	 */
	public CircuitBreaker breakerFor(@Nullable byte[] routingKey) {
		return shardFor(routingKey).breaker();
	}

	/**
	 * Let a few probe calls through to a node Lettuce has just connected to again,
	 * instead of waiting out the open state: after a restart the cache then resumes as
	 * soon as the client does.
	 * @param remote the address of the node
	 */
	void connectionActivated(SocketAddress remote) {
		String node = (remote instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() + ":" + inet.getPort() : null;
		for (String name : new String[] { DEFAULT_BREAKER, node }) {
			Shard shard = (name != null) ? this.shards.get(name) : null;
			if (shard != null) {
				if (shard.breaker().getState() == CircuitBreaker.State.OPEN) {
					halfOpen(shard.breaker());
				}
				else if (shard.breaker().getState() == CircuitBreaker.State.HALF_OPEN) {
					// Probes may already be on their way over a connection that was still
					// down: if they fail, probe again rather than wait out the open
					// state.
					shard.reconnectedWhileProbing().set(true);
				}
			}
		}
	}

	private static void halfOpen(CircuitBreaker breaker) {
		try {
			breaker.transitionToHalfOpenState();
		}
		catch (IllegalStateTransitionException ex) {
			// Another caller moved the breaker first.
		}
	}

	/**
	 * Stop listening to the client's connection events and stop probing open breakers.
	 */
	@Override
	public void close() {
		Disposable subscription = this.reconnects;
		if (subscription != null) {
			subscription.dispose();
		}
		OpenBreakerProbe openProbe = this.probe;
		if (openProbe != null) {
			openProbe.close();
		}
	}

	@Override
	@Nullable
	public String shardOf(@Nullable byte[] routingKey) {
		return (routingKey != null) ? this.shardOf.apply(routingKey) : null;
	}

	private Shard shardFor(@Nullable byte[] routingKey) {
		return shardNamed(shardOf(routingKey));
	}

	private Shard shardNamed(@Nullable String shard) {
		String name = (shard != null) ? shard : DEFAULT_BREAKER;
		Shard found = this.shards.get(name);
		if (found == null) {
			found = this.shards.computeIfAbsent(name, (key) -> {
				CircuitBreaker breaker = this.registry
					.circuitBreaker((shard != null) ? DEFAULT_BREAKER + "-" + shard : DEFAULT_BREAKER);
				breaker.getEventPublisher().onStateTransition((event) -> {
					OpenBreakerProbe openProbe = this.probe;
					if (openProbe != null && event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
						openProbe.opened(shard, breaker);
					}
				});
				return new Shard(breaker);
			});
			// A new shard means the topology changed, for example after a failover.
			dropDepartedShards(this.liveShards.get());
		}
		return found;
	}

	/**
	 * Drop the breakers of shards that are no longer primaries. No call reaches a
	 * departed node, so its breaker would stay open or half-open for ever, keeping health
	 * degraded and its meters alive.
	 */
	private void dropDepartedShards(@Nullable Set<String> live) {
		if (live == null || live.isEmpty()) {
			return;
		}
		this.shards.forEach((name, shard) -> {
			if (!DEFAULT_BREAKER.equals(name) && !live.contains(name) && this.shards.remove(name, shard)) {
				this.registry.remove(shard.breaker().getName());
			}
		});
	}

	/**
	 * Count a failed or slow call; enough of them in a row open a closed breaker at once.
	 * A hung server fails every call, but a time-based window that holds minutes of
	 * earlier successes would judge its rate far below any threshold for a long time.
	 * Slow successes count only once the shard has answered fast: a cold start (new
	 * connections, cold code) is slow without anything being wrong, and a window without
	 * earlier successes needs no run to judge it.
	 */
	private void badCall(Shard shard) {
		if (shard.badStreak().incrementAndGet() >= this.consecutiveFailuresToOpen
				&& shard.breaker().getState() == CircuitBreaker.State.CLOSED) {
			try {
				shard.breaker().transitionToOpenState();
			}
			catch (IllegalStateTransitionException ex) {
				// Another caller moved the breaker first.
			}
			shard.badStreak().set(0);
		}
	}

	private record Shard(CircuitBreaker breaker, AtomicInteger badStreak, AtomicBoolean reconnectedWhileProbing,
			AtomicBoolean answeredFast) {

		Shard(CircuitBreaker breaker) {
			this(breaker, new AtomicInteger(), new AtomicBoolean(), new AtomicBoolean());
			breaker.getEventPublisher().onStateTransition((event) -> {
				CircuitBreaker.StateTransition transition = event.getStateTransition();
				if (transition.getToState() != CircuitBreaker.State.OPEN) {
					this.reconnectedWhileProbing.set(false);
				}
				else if (transition.getFromState() == CircuitBreaker.State.HALF_OPEN
						&& this.reconnectedWhileProbing.getAndSet(false)) {
					halfOpen(breaker);
				}
			});
		}

	}

}
