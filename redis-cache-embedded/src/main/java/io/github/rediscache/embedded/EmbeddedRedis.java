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
package io.github.rediscache.embedded;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link RedisDeployment} once for the annotated test class (shared by its
 * nested classes), injects it into any constructor, lifecycle or test method parameter of
 * type {@link RedisDeployment}, prints the servers' logs when a test fails, and closes it
 * after the class.
 *
 * <pre class="code">
 * &#064;EmbeddedRedis(topology = Topology.CLUSTER, tls = true)
 * class MyIntegrationTests {
 *
 *     &#064;Test
 *     void works(RedisDeployment redis) { ... }
 *
 * }
 * </pre>
 *
 * @author redis-cache authors
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(EmbeddedRedisExtension.class)
public @interface EmbeddedRedis {

	/**
	 * The shape of the deployment.
	 * @return standalone or cluster
	 */
	Topology topology() default Topology.STANDALONE;

	/**
	 * The number of primaries of a cluster.
	 * @return at least 1
	 */
	int primaries() default 3;

	/**
	 * The number of replicas of each primary of a cluster.
	 * @return zero or more
	 */
	int replicasPerPrimary() default 1;

	/**
	 * The cluster's {@code cluster-node-timeout} in milliseconds.
	 * @return a positive number of milliseconds
	 */
	long clusterNodeTimeoutMillis() default 2000;

	/**
	 * Whether clients, replication and the cluster bus use TLS with a test CA.
	 * @return whether TLS is on
	 */
	boolean tls() default false;

	/**
	 * The password of the default user; empty for none.
	 * @return the password
	 */
	String password() default "";

	/**
	 * Raw {@code redis.conf} lines for every node, such as ACL users
	 * ({@code "user cache on >secret ~cache:* +get"}).
	 * @return configuration lines
	 */
	String[] configuration() default {};

	/**
	 * The shape of a deployment.
	 */
	enum Topology {

		/** One standalone server. */
		STANDALONE,

		/** A Redis Cluster of primaries with replicas. */
		CLUSTER

	}

}
