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
package io.github.rediscache.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.rediscache.settings.InvalidSettingException;
import io.github.rediscache.settings.Require;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.lang.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * ElastiCache IAM authentication: the password of an RBAC user whose authentication mode
 * is IAM is a SigV4-presigned {@code connect} request for the cache, valid 15 minutes,
 * signed with the application's AWS credentials (the SDK's default chain: environment,
 * web identity, ECS and EC2 roles).
 * <ul>
 * <li>A token is made at start and then every refresh interval (10 minutes unless set) on
 * a daemon thread of its own: signing, and the credentials chain's own I/O, never run on
 * a Redis I/O thread or in a caller.</li>
 * <li>New connections authenticate with the newest token; connections already open
 * re-authenticate with each new one (Lettuce's streaming credentials, with
 * {@code ReauthenticateBehavior.ON_NEW_CREDENTIALS}), which also renews the 12-hour limit
 * ElastiCache puts on IAM-authenticated connections, so none is closed under
 * traffic.</li>
 * <li>A refresh that fails (credentials unavailable for a while) is logged and tried
 * again at the next interval; the current token stays valid until it expires.</li>
 * </ul>
 * Tokens are never logged, put in an exception message or {@link #toString()}.
 *
 * @author redis-cache authors
 */
public final class ElastiCacheIamAuthentication implements RedisCredentialsProviderFactory, AutoCloseable {

	/** How long ElastiCache accepts a token after it was signed. */
	public static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	/** How often a new token is made unless set: well inside {@link #TOKEN_LIFETIME}. */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(10);

	private static final Log logger = LogFactory.getLog(ElastiCacheIamAuthentication.class);

	private final Settings settings;

	private final Supplier<AwsCredentialsIdentity> credentials;

	private final Clock clock;

	private final Consumer<String> issued;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	private final Sinks.Many<RedisCredentials> tokens = Sinks.many().replay().latest();

	private final ScheduledExecutorService refresher;

	@Nullable
	private volatile RedisCredentials current;

	@Nullable
	private volatile Instant currentExpires;

	/**
	 * What identifies the cache and its user.
	 *
	 * @param userId the RBAC user's id, which is also its name (ElastiCache requires both
	 * to be equal for IAM users)
	 * @param cacheName the replication group id, or the serverless cache's name
	 * @param region the AWS region of the cache, such as {@code us-east-1}
	 * @param serverless whether the cache is an ElastiCache Serverless cache
	 * @param refreshInterval how often a new token is made; below 15 minutes
	 */
	public record Settings(String userId, String cacheName, String region, boolean serverless,
			Duration refreshInterval) {

		/**
		 * Validate the settings.
		 * @param userId a non-empty user id
		 * @param cacheName a non-empty cache name
		 * @param region a non-empty region
		 * @param serverless whether the cache is serverless
		 * @param refreshInterval positive and below 15 minutes
		 */
		public Settings {
			text("iam.user-id", userId);
			text("iam.cache-name", cacheName);
			text("iam.region", region);
			Require.positive("iam.refresh-interval", refreshInterval);
			if (refreshInterval.compareTo(TOKEN_LIFETIME) >= 0) {
				throw new InvalidSettingException("iam.refresh-interval", refreshInterval,
						"must be below 15 minutes, the lifetime of a token", "Remove it for 10 minutes.");
			}
		}

		private static void text(String field, @Nullable String value) {
			if (value == null || value.isBlank()) {
				throw new InvalidSettingException(field, value, "must be set for IAM authentication",
						"Set it (see docs/production-guide.md, 'IAM authentication').");
			}
		}

	}

	/**
	 * Authentication with the AWS SDK's default credentials chain; started, so that the
	 * first connection has a token.
	 * @param settings the cache and user
	 * @return the started authentication; close it when the application stops
	 */
	public static ElastiCacheIamAuthentication create(Settings settings) {
		DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
		ElastiCacheIamAuthentication authentication = new ElastiCacheIamAuthentication(settings,
				chain::resolveCredentials, Clock.systemUTC(), (token) -> {
				});
		authentication.start();
		return authentication;
	}

	/**
	 * Create an authentication that is not started.
	 * @param settings the cache and user
	 * @param credentials resolves the AWS credentials to sign with; may do I/O
	 * @param clock the clock tokens are signed at
	 * @param issued told each new token before any connection uses it (for a test that
	 * plays ElastiCache by setting it as the user's password)
	 */
	ElastiCacheIamAuthentication(Settings settings, Supplier<AwsCredentialsIdentity> credentials, Clock clock,
			Consumer<String> issued) {
		this.settings = settings;
		this.credentials = credentials;
		this.clock = clock;
		this.issued = issued;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-iam-token-");
		threads.setDaemon(true);
		this.refresher = new ScheduledThreadPoolExecutor(1, threads);
	}

	/**
	 * Make the first token, on the calling thread (start-up), and schedule the refreshes.
	 * @throws IllegalStateException if no token could be made, naming the cause but no
	 * secret
	 */
	void start() {
		if (!refresh()) {
			throw new IllegalStateException("redis-cache.client.iam: no IAM authentication token could be made for "
					+ "user '" + this.settings.userId() + "' of cache '" + this.settings.cacheName()
					+ "': the AWS credentials could not be resolved (see the log)");
		}
		long millis = this.settings.refreshInterval().toMillis();
		this.refresher.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Make a new token and hand it to new and open connections.
	 * @return whether a token was made
	 */
	boolean refresh() {
		try {
			Instant now = this.clock.instant();
			String token = token(this.credentials.get(), now);
			this.issued.accept(token);
			RedisCredentials next = RedisCredentials.just(this.settings.userId(), token);
			this.current = next;
			this.currentExpires = now.plus(TOKEN_LIFETIME);
			this.tokens.tryEmitNext(next);
			return true;
		}
		catch (RuntimeException ex) {
			// The SDK's messages name the missing source, never a secret.
			logger.warn("Could not make a new ElastiCache IAM authentication token for user '" + this.settings.userId()
					+ "'; connections keep the current one"
					+ ((this.currentExpires != null) ? " until " + this.currentExpires : "") + ": " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Sign a token: the presigned {@code connect} request for the cache, without its
	 * scheme.
	 * @param identity the AWS credentials
	 * @param now the signing time
	 * @return the token
	 */
	String token(AwsCredentialsIdentity identity, Instant now) {
		SdkHttpRequest.Builder request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.GET)
			.protocol("http")
			.host(this.settings.cacheName())
			.encodedPath("/")
			.appendRawQueryParameter("Action", "connect")
			.appendRawQueryParameter("User", this.settings.userId());
		if (this.settings.serverless()) {
			request.appendRawQueryParameter("ResourceType", "ServerlessCache");
		}
		SdkHttpRequest signed = this.signer
			.sign((sign) -> sign.identity(identity)
				.request(request.build())
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "elasticache")
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.settings.region())
				.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
				.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, TOKEN_LIFETIME)
				.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)))
			.request();
		return signed.getUri().toString().replaceFirst("^http://", "");
	}

	@Override
	public RedisCredentialsProvider createCredentialsProvider(RedisConfiguration configuration) {
		return new RedisCredentialsProvider() {

			@Override
			public Mono<RedisCredentials> resolveCredentials() {
				return Mono.fromSupplier(() -> ElastiCacheIamAuthentication.this.current);
			}

			@Override
			public boolean supportsStreaming() {
				return true;
			}

			@Override
			public Flux<RedisCredentials> credentials() {
				return ElastiCacheIamAuthentication.this.tokens.asFlux();
			}

		};
	}

	@Override
	public void close() {
		this.refresher.shutdownNow();
		this.tokens.tryEmitComplete();
	}

	@Override
	public String toString() {
		return "ElastiCache IAM authentication (user '" + this.settings.userId() + "', cache '"
				+ this.settings.cacheName() + "', region " + this.settings.region() + ")";
	}

}
