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
package io.github.rediscache.benchmarks;

import io.github.rediscache.embedded.RedisDeployment;
import io.github.rediscache.embedded.RedisNode;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.api.sync.RedisStringCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * A plain Lettuce connection to a deployment, standalone or cluster, outside any
 * application: the ceiling a cache read is compared with, and the source of background
 * writes.
 */
final class RawRedis implements AutoCloseable {

	private final AbstractRedisClient client;

	private final StatefulConnection<byte[], byte[]> connection;

	private final RedisStringCommands<byte[], byte[]> sync;

	private final RedisStringAsyncCommands<byte[], byte[]> async;

	private RawRedis(RedisDeployment redis) {
		RedisNode node = redis.nodes().get(0);
		RedisURI uri = RedisURI.create(node.host(), node.port());
		if (redis.isCluster()) {
			RedisClusterClient cluster = RedisClusterClient.create(uri);
			StatefulRedisClusterConnection<byte[], byte[]> connected = cluster.connect(ByteArrayCodec.INSTANCE);
			this.client = cluster;
			this.connection = connected;
			this.sync = connected.sync();
			this.async = connected.async();
		}
		else {
			RedisClient standalone = RedisClient.create(uri);
			StatefulRedisConnection<byte[], byte[]> connected = standalone.connect(ByteArrayCodec.INSTANCE);
			this.client = standalone;
			this.connection = connected;
			this.sync = connected.sync();
			this.async = connected.async();
		}
	}

	static RawRedis connect(RedisDeployment redis) {
		return new RawRedis(redis);
	}

	RedisStringCommands<byte[], byte[]> sync() {
		return this.sync;
	}

	RedisStringAsyncCommands<byte[], byte[]> async() {
		return this.async;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
