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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.rediscache.cache.ResilientRedisCacheManager;
import io.github.rediscache.client.ClientSettings;
import io.github.rediscache.report.StartupCheck;
import io.github.rediscache.serializer.CacheEncoding;
import io.github.rediscache.resilience.ResilienceSettings;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of redis-cache: the caches, their serialization and the hardening of the
 * Lettuce client that Spring Boot creates.
 *
 * @author redis-cache authors
 */
@ConfigurationProperties("redis-cache")
public class RedisCacheProperties {

	/**
	 * Whether redis-cache configures the cache manager and hardens the Redis client.
	 */
	private boolean enabled = true;

	/**
	 * Prefix put before every cache name in Redis keys, for example 'catalogue:' when
	 * applications share a Redis.
	 */
	private String keyPrefix = "";

	/**
	 * Whether caches that are not listed under 'redis-cache.caches' may be created at run
	 * time, with the defaults.
	 */
	private boolean allowRuntimeCaches = true;

	/**
	 * Entry size above which a write is warned about, once per cache; the entry is still
	 * written. Sizes of all entries are in the redis.cache.value.size meter.
	 */
	private DataSize largeValueWarning = DataSize.ofBytes(ResilientRedisCacheManager.DEFAULT_LARGE_VALUE_BYTES);

	/**
	 * Settings of every cache, unless the cache sets its own.
	 */
	private final Cache defaults = new Cache();

	/**
	 * What a key under 'redis-cache' that no property has does: 'fail' stops start-up
	 * naming each such key, where it was set and the nearest valid key; 'warn' logs them
	 * and starts.
	 */
	private UnknownProperties unknownProperties = UnknownProperties.FAIL;

	/**
	 * Settings of individual caches, by cache name. A field a cache leaves unset takes
	 * the value under 'redis-cache.defaults'.
	 */
	private final Map<String, Cache> caches = new LinkedHashMap<>();

	private final Serialization serialization = new Serialization();

	private final Client client = new Client();

	private final Report report = new Report();

	private final Resilience resilience = new Resilience();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isAllowRuntimeCaches() {
		return this.allowRuntimeCaches;
	}

	public void setAllowRuntimeCaches(boolean allowRuntimeCaches) {
		this.allowRuntimeCaches = allowRuntimeCaches;
	}

	public DataSize getLargeValueWarning() {
		return this.largeValueWarning;
	}

	public void setLargeValueWarning(DataSize largeValueWarning) {
		this.largeValueWarning = largeValueWarning;
	}

	public UnknownProperties getUnknownProperties() {
		return this.unknownProperties;
	}

	public void setUnknownProperties(UnknownProperties unknownProperties) {
		this.unknownProperties = unknownProperties;
	}

	public Cache getDefaults() {
		return this.defaults;
	}

	public Map<String, Cache> getCaches() {
		return this.caches;
	}

	public Serialization getSerialization() {
		return this.serialization;
	}

	public Client getClient() {
		return this.client;
	}

	public Report getReport() {
		return this.report;
	}

	public Resilience getResilience() {
		return this.resilience;
	}

	/**
	 * Settings of a cache. Every field is optional; see 'redis-cache.defaults' for the
	 * values used when none is set.
	 */
	public static class Cache {

		/**
		 * Time to live of an entry. Every key gets one.
		 */
		private Duration ttl;

		/**
		 * Percentage (0-100) of the TTL by which each entry's expiry is shortened at
		 * random, so that entries written together do not expire together.
		 */
		private Double ttlJitterPercent;

		/**
		 * Whether null results are stored, as short-lived negative entries.
		 */
		private Boolean cacheNullValues;

		/**
		 * Time to live of a stored null result.
		 */
		private Duration nullValueTtl;

		/**
		 * Schema version put into the cache's keys, so that a deploy that changes the
		 * cached type never reads entries written before it.
		 */
		private String keyVersion;

		/**
		 * Type of every value of the cache, generics allowed, such as
		 * 'java.util.Map<java.lang.Long, com.example.ProductDto>'. Values are written and
		 * read as that type, with class names only where it does not say what a value is.
		 * By default each @Cacheable method's declared return type is used.
		 */
		private String valueType;

		/**
		 * How values are written: 'json' (readable with redis-cli), or the binary 'smile'
		 * or 'cbor', which keep the same typing in fewer bytes. Entries say how they are
		 * written, so changing this needs no flush. By default JSON.
		 */
		private CacheEncoding encoding;

		/**
		 * Size above which an encoded value is deflated before it is stored, such as
		 * '1KB'. By default values are never compressed.
		 */
		private DataSize compressAbove;

		private final Lease lease = new Lease();

		private final EarlyRefresh earlyRefresh = new EarlyRefresh();

		private final Near near = new Near();

		public Near getNear() {
			return this.near;
		}

		public Lease getLease() {
			return this.lease;
		}

		public EarlyRefresh getEarlyRefresh() {
			return this.earlyRefresh;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Double getTtlJitterPercent() {
			return this.ttlJitterPercent;
		}

		public void setTtlJitterPercent(Double ttlJitterPercent) {
			this.ttlJitterPercent = ttlJitterPercent;
		}

		public Boolean getCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(Boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public Duration getNullValueTtl() {
			return this.nullValueTtl;
		}

		public void setNullValueTtl(Duration nullValueTtl) {
			this.nullValueTtl = nullValueTtl;
		}

		public String getKeyVersion() {
			return this.keyVersion;
		}

		public void setKeyVersion(String keyVersion) {
			this.keyVersion = keyVersion;
		}

		public String getValueType() {
			return this.valueType;
		}

		public void setValueType(String valueType) {
			this.valueType = valueType;
		}

		public CacheEncoding getEncoding() {
			return this.encoding;
		}

		public void setEncoding(CacheEncoding encoding) {
			this.encoding = encoding;
		}

		public DataSize getCompressAbove() {
			return this.compressAbove;
		}

		public void setCompressAbove(DataSize compressAbove) {
			this.compressAbove = compressAbove;
		}

	}

	/**
	 * The per-key lease in Redis that lets one instance load a missing key while the
	 * others wait for its value.
	 */
	public static class Lease {

		/**
		 * Whether instances coordinate loads of a missing key through a lease in Redis.
		 */
		private Boolean enabled;

		/**
		 * How long a lease lives unless released; longer than a typical load.
		 */
		private Duration time;

		/**
		 * How long a caller waits for another instance's load before loading itself.
		 */
		private Duration wait;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTime() {
			return this.time;
		}

		public void setTime(Duration time) {
			this.time = time;
		}

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

	}

	/**
	 * Near cache: hot entries served in-process, dropped when Redis says they changed.
	 */
	public static class Near {

		/**
		 * Whether the cache keeps hot entries in-process, kept coherent by Redis's
		 * invalidation messages (client-side caching, RESP3 tracking).
		 */
		private Boolean enabled;

		/**
		 * The most entries kept in-process for the cache.
		 */
		private Long maxSize;

		/**
		 * The longest an entry is kept in-process; never longer than its Redis expiry.
		 */
		private Duration maxTtl;

		/**
		 * How often each tracking connection is checked; a node that does not answer, or
		 * whose connection was re-established, has its entries dropped. With the command
		 * timeout, the staleness bound when invalidation messages cannot arrive.
		 */
		private Duration checkInterval;

		/**
		 * Whether the cache's values are never changed once returned (records of
		 * immutable components, immutable classes): hits then share one decoded instance
		 * instead of decoding the entry again. Leave off for mutable values: every hit
		 * then gets an instance of its own.
		 */
		private Boolean immutableValues;

		public Boolean getImmutableValues() {
			return this.immutableValues;
		}

		public void setImmutableValues(Boolean immutableValues) {
			this.immutableValues = immutableValues;
		}

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Long getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(Long maxSize) {
			this.maxSize = maxSize;
		}

		public Duration getMaxTtl() {
			return this.maxTtl;
		}

		public void setMaxTtl(Duration maxTtl) {
			this.maxTtl = maxTtl;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

	}

	/**
	 * Probabilistic early refresh (XFetch): one reader reloads an entry shortly before it
	 * expires.
	 */
	public static class EarlyRefresh {

		/**
		 * Whether entries are refreshed before they expire.
		 */
		private Boolean enabled;

		/**
		 * Eagerness of early refresh: 1.0 is the optimum of the XFetch paper, larger
		 * values refresh earlier.
		 */
		private Double beta;

		public Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(Boolean enabled) {
			this.enabled = enabled;
		}

		public Double getBeta() {
			return this.beta;
		}

		public void setBeta(Double beta) {
			this.beta = beta;
		}

	}

	/**
	 * Serialization of cache values.
	 */
	public static class Serialization {

		/**
		 * Packages, besides the application's own, whose classes may be named in cached
		 * JSON and instantiated when it is read.
		 */
		private List<String> allowedPackages = new ArrayList<>();

		public List<String> getAllowedPackages() {
			return this.allowedPackages;
		}

		public void setAllowedPackages(List<String> allowedPackages) {
			this.allowedPackages = allowedPackages;
		}

	}

	/**
	 * Hardening of the Lettuce client that Spring Boot creates from
	 * 'spring.data.redis.*'.
	 */
	public static class Client {

		/**
		 * Whether redis-cache applies the options below to the Lettuce client.
		 */
		private boolean enabled = true;

		/**
		 * Command timeout, used when 'spring.data.redis.timeout' is not set.
		 */
		private Duration commandTimeout = ClientSettings.DEFAULTS.commandTimeout();

		/**
		 * Connect timeout, used when 'spring.data.redis.connect-timeout' is not set.
		 */
		private Duration connectTimeout = ClientSettings.DEFAULTS.connectTimeout();

		/**
		 * What happens to commands while the connection is down. REJECT_COMMANDS fails
		 * them at once, so callers fall back to the loader instead of waiting.
		 */
		private DisconnectedBehavior disconnectedBehavior = ClientSettings.DEFAULTS.disconnectedBehavior();

		/**
		 * Maximum number of commands queued on one connection before new ones are
		 * rejected.
		 */
		private int requestQueueSize = ClientSettings.DEFAULTS.requestQueueSize();

		/**
		 * Shortest delay before a reconnect attempt; attempts back off with full jitter.
		 */
		private Duration reconnectMinDelay = ClientSettings.DEFAULTS.reconnectMinDelay();

		/**
		 * Longest delay before a reconnect attempt.
		 */
		private Duration reconnectMaxDelay = ClientSettings.DEFAULTS.reconnectMaxDelay();

		/**
		 * How long sent data may stay unacknowledged before the connection is closed
		 * (TCP_USER_TIMEOUT; needs the native epoll transport). Zero turns it off.
		 */
		private Duration tcpUserTimeout = ClientSettings.DEFAULTS.tcpUserTimeout();

		/**
		 * File that holds the Redis password, read again each time a connection
		 * authenticates, so that a rotated password (an ElastiCache AUTH token, an ACL
		 * user's password) is used by the next reconnect without a restart. The user name
		 * stays spring.data.redis.username.
		 */
		private Path passwordFile;

		private final KeepAlive keepAlive = new KeepAlive();

		private final Iam iam = new Iam();

		private final Cluster cluster = new Cluster();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public DisconnectedBehavior getDisconnectedBehavior() {
			return this.disconnectedBehavior;
		}

		public void setDisconnectedBehavior(DisconnectedBehavior disconnectedBehavior) {
			this.disconnectedBehavior = disconnectedBehavior;
		}

		public int getRequestQueueSize() {
			return this.requestQueueSize;
		}

		public void setRequestQueueSize(int requestQueueSize) {
			this.requestQueueSize = requestQueueSize;
		}

		public Duration getReconnectMinDelay() {
			return this.reconnectMinDelay;
		}

		public void setReconnectMinDelay(Duration reconnectMinDelay) {
			this.reconnectMinDelay = reconnectMinDelay;
		}

		public Duration getReconnectMaxDelay() {
			return this.reconnectMaxDelay;
		}

		public void setReconnectMaxDelay(Duration reconnectMaxDelay) {
			this.reconnectMaxDelay = reconnectMaxDelay;
		}

		public Duration getTcpUserTimeout() {
			return this.tcpUserTimeout;
		}

		public void setTcpUserTimeout(Duration tcpUserTimeout) {
			this.tcpUserTimeout = tcpUserTimeout;
		}

		public Path getPasswordFile() {
			return this.passwordFile;
		}

		public void setPasswordFile(Path passwordFile) {
			this.passwordFile = passwordFile;
		}

		public KeepAlive getKeepAlive() {
			return this.keepAlive;
		}

		public Cluster getCluster() {
			return this.cluster;
		}

		public Iam getIam() {
			return this.iam;
		}

	}

	/**
	 * ElastiCache IAM authentication: the password is an IAM auth token signed with the
	 * application's AWS credentials, renewed in the background. Needs
	 * software.amazon.awssdk:auth on the class path.
	 */
	public static class Iam {

		/**
		 * Whether to authenticate with IAM auth tokens instead of a password.
		 */
		private boolean enabled;

		/**
		 * Id of the ElastiCache RBAC user with IAM authentication (its user name is the
		 * same; spring.data.redis.username is not used).
		 */
		private String userId;

		/**
		 * Replication group id, or the serverless cache's name.
		 */
		private String cacheName;

		/**
		 * AWS region of the cache, such as 'us-east-1'.
		 */
		private String region;

		/**
		 * Whether the cache is an ElastiCache Serverless cache.
		 */
		private boolean serverless;

		/**
		 * How often a new token is made and open connections re-authenticate with it,
		 * which also renews ElastiCache's 12-hour limit on IAM-authenticated connections.
		 * Below the tokens' 15 minutes.
		 */
		// Not ElastiCacheIamAuthentication's constant: that class needs the AWS SDK.
		private Duration refreshInterval = Duration.ofMinutes(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getUserId() {
			return this.userId;
		}

		public void setUserId(String userId) {
			this.userId = userId;
		}

		public String getCacheName() {
			return this.cacheName;
		}

		public void setCacheName(String cacheName) {
			this.cacheName = cacheName;
		}

		public String getRegion() {
			return this.region;
		}

		public void setRegion(String region) {
			this.region = region;
		}

		public boolean isServerless() {
			return this.serverless;
		}

		public void setServerless(boolean serverless) {
			this.serverless = serverless;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * TCP keep-alive probes, so that a dead peer is noticed on an idle connection.
	 */
	public static class KeepAlive {

		/**
		 * Whether TCP keep-alive is on.
		 */
		private boolean enabled = ClientSettings.KeepAlive.DEFAULTS.enabled();

		/**
		 * Idle time before the first probe.
		 */
		private Duration idle = ClientSettings.KeepAlive.DEFAULTS.idle();

		/**
		 * Time between probes.
		 */
		private Duration interval = ClientSettings.KeepAlive.DEFAULTS.interval();

		/**
		 * Number of unanswered probes before the connection is closed.
		 */
		private int count = ClientSettings.KeepAlive.DEFAULTS.count();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getIdle() {
			return this.idle;
		}

		public void setIdle(Duration idle) {
			this.idle = idle;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

	}

	/**
	 * Cluster topology handling, so that failovers and resharding are followed.
	 */
	public static class Cluster {

		/**
		 * Period of the background topology refresh. Zero turns it off.
		 */
		private Duration topologyRefreshPeriod = ClientSettings.Cluster.DEFAULTS.topologyRefreshPeriod();

		/**
		 * Whether MOVED/ASK redirects, reconnects and unknown nodes trigger a topology
		 * refresh at once.
		 */
		private boolean adaptiveRefresh = ClientSettings.Cluster.DEFAULTS.adaptiveRefresh();

		/**
		 * Shortest time between two adaptive topology refreshes. Lettuce's own default of
		 * 30 s can miss a promotion that completes just after a refresh.
		 */
		private Duration adaptiveRefreshTimeout = ClientSettings.Cluster.DEFAULTS.adaptiveRefreshTimeout();

		/**
		 * Number of failed reconnect attempts to a node that triggers an adaptive
		 * topology refresh.
		 */
		private int refreshTriggersReconnectAttempts = ClientSettings.Cluster.DEFAULTS
			.refreshTriggersReconnectAttempts();

		/**
		 * Whether the topology is read from every known node rather than only the seeds.
		 */
		private boolean dynamicRefreshSources = ClientSettings.Cluster.DEFAULTS.dynamicRefreshSources();

		/**
		 * Whether connections to nodes that left the topology are closed.
		 */
		private boolean closeStaleConnections = ClientSettings.Cluster.DEFAULTS.closeStaleConnections();

		/**
		 * Whether connections are refused to nodes not in the last known topology. Off,
		 * so that a replacement node is usable before the next refresh.
		 */
		private boolean validateNodeMembership = ClientSettings.Cluster.DEFAULTS.validateNodeMembership();

		/**
		 * Whether nodes flagged FAIL, EVENTUAL_FAIL or NOADDR are left out of the
		 * topology.
		 */
		private boolean excludeFailedNodes = ClientSettings.Cluster.DEFAULTS.excludeFailedNodes();

		public Duration getTopologyRefreshPeriod() {
			return this.topologyRefreshPeriod;
		}

		public void setTopologyRefreshPeriod(Duration topologyRefreshPeriod) {
			this.topologyRefreshPeriod = topologyRefreshPeriod;
		}

		public boolean isAdaptiveRefresh() {
			return this.adaptiveRefresh;
		}

		public void setAdaptiveRefresh(boolean adaptiveRefresh) {
			this.adaptiveRefresh = adaptiveRefresh;
		}

		public Duration getAdaptiveRefreshTimeout() {
			return this.adaptiveRefreshTimeout;
		}

		public void setAdaptiveRefreshTimeout(Duration adaptiveRefreshTimeout) {
			this.adaptiveRefreshTimeout = adaptiveRefreshTimeout;
		}

		public int getRefreshTriggersReconnectAttempts() {
			return this.refreshTriggersReconnectAttempts;
		}

		public void setRefreshTriggersReconnectAttempts(int refreshTriggersReconnectAttempts) {
			this.refreshTriggersReconnectAttempts = refreshTriggersReconnectAttempts;
		}

		public boolean isDynamicRefreshSources() {
			return this.dynamicRefreshSources;
		}

		public void setDynamicRefreshSources(boolean dynamicRefreshSources) {
			this.dynamicRefreshSources = dynamicRefreshSources;
		}

		public boolean isCloseStaleConnections() {
			return this.closeStaleConnections;
		}

		public void setCloseStaleConnections(boolean closeStaleConnections) {
			this.closeStaleConnections = closeStaleConnections;
		}

		public boolean isValidateNodeMembership() {
			return this.validateNodeMembership;
		}

		public void setValidateNodeMembership(boolean validateNodeMembership) {
			this.validateNodeMembership = validateNodeMembership;
		}

		public boolean isExcludeFailedNodes() {
			return this.excludeFailedNodes;
		}

		public void setExcludeFailedNodes(boolean excludeFailedNodes) {
			this.excludeFailedNodes = excludeFailedNodes;
		}

	}

	/**
	 * The circuit breakers around Redis calls (Resilience4j), one per cluster shard.
	 */
	public static class Resilience {

		/**
		 * Whether Redis calls go through circuit breakers (needs
		 * resilience4j-circuitbreaker). Without them, failed calls still fall back, but
		 * every call tries Redis.
		 */
		private boolean enabled = true;

		/**
		 * Percentage of failed calls in the sliding window that opens a breaker.
		 */
		private float failureRateThreshold = ResilienceSettings.DEFAULTS.failureRateThreshold();

		/**
		 * Percentage of slow calls in the sliding window that opens a breaker.
		 */
		private float slowCallRateThreshold = ResilienceSettings.DEFAULTS.slowCallRateThreshold();

		/**
		 * Duration above which a call counts as slow. Defaults to 80% of the command
		 * timeout.
		 */
		private Duration slowCallDurationThreshold;

		/**
		 * Length of the time-based sliding window over which failure and slow-call rates
		 * are computed.
		 */
		private Duration slidingWindow = ResilienceSettings.DEFAULTS.slidingWindow();

		/**
		 * Number of calls in the sliding window before rates are judged.
		 */
		private int minimumNumberOfCalls = ResilienceSettings.DEFAULTS.minimumNumberOfCalls();

		/**
		 * How long an open breaker stays open before a few probe calls are let through.
		 */
		private Duration waitInOpenState = ResilienceSettings.DEFAULTS.waitInOpenState();

		/**
		 * Number of probe calls let through by a half-open breaker.
		 */
		private int permittedCallsInHalfOpenState = ResilienceSettings.DEFAULTS.permittedCallsInHalfOpenState();

		/**
		 * Number of failed or slow calls in a row that opens a breaker at once, whatever
		 * the rates over the sliding window.
		 */
		private int consecutiveFailuresToOpen = ResilienceSettings.DEFAULTS.consecutiveFailuresToOpen();

		/**
		 * Maximum number of evictions per cache remembered during an outage for replay;
		 * past it, the cache is cleared when Redis is back.
		 */
		private int maxPendingEvictionsPerCache = ResilienceSettings.DEFAULTS.maxPendingEvictionsPerCache();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public float getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		public void setFailureRateThreshold(float failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		public float getSlowCallRateThreshold() {
			return this.slowCallRateThreshold;
		}

		public void setSlowCallRateThreshold(float slowCallRateThreshold) {
			this.slowCallRateThreshold = slowCallRateThreshold;
		}

		public Duration getSlowCallDurationThreshold() {
			return this.slowCallDurationThreshold;
		}

		public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
			this.slowCallDurationThreshold = slowCallDurationThreshold;
		}

		public Duration getSlidingWindow() {
			return this.slidingWindow;
		}

		public void setSlidingWindow(Duration slidingWindow) {
			this.slidingWindow = slidingWindow;
		}

		public int getMinimumNumberOfCalls() {
			return this.minimumNumberOfCalls;
		}

		public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
			this.minimumNumberOfCalls = minimumNumberOfCalls;
		}

		public Duration getWaitInOpenState() {
			return this.waitInOpenState;
		}

		public void setWaitInOpenState(Duration waitInOpenState) {
			this.waitInOpenState = waitInOpenState;
		}

		public int getConsecutiveFailuresToOpen() {
			return this.consecutiveFailuresToOpen;
		}

		public void setConsecutiveFailuresToOpen(int consecutiveFailuresToOpen) {
			this.consecutiveFailuresToOpen = consecutiveFailuresToOpen;
		}

		public int getPermittedCallsInHalfOpenState() {
			return this.permittedCallsInHalfOpenState;
		}

		public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
			this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
		}

		public int getMaxPendingEvictionsPerCache() {
			return this.maxPendingEvictionsPerCache;
		}

		public void setMaxPendingEvictionsPerCache(int maxPendingEvictionsPerCache) {
			this.maxPendingEvictionsPerCache = maxPendingEvictionsPerCache;
		}

	}

	/**
	 * The start-up checks.
	 */
	public static class Report {

		/**
		 * Whether the start-up checks (mode, replicas, TLS, authentication, eviction
		 * policy, memory limit, command timeout, and a warning per finding) are logged
		 * once after start-up.
		 */
		private boolean enabled = true;

		/**
		 * Checks whose findings fail the start-up instead of only being logged, such as
		 * noeviction or no-tls. The checks then run before the application reports ready.
		 */
		private Set<StartupCheck> failOn = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<StartupCheck> getFailOn() {
			return this.failOn;
		}

		public void setFailOn(Set<StartupCheck> failOn) {
			this.failOn = failOn;
		}

	}

	/**
	 * What a key under 'redis-cache' that no property has does.
	 */
	public enum UnknownProperties {

		/**
		 * Stop start-up, naming each unknown key.
		 */
		FAIL,

		/**
		 * Log each unknown key at WARN and start.
		 */
		WARN

	}

}
