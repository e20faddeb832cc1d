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

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link EmbeddedRedis}.
 *
 * @author redis-cache authors
 */
public class EmbeddedRedisExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedRedisExtension.class);

	private static final Map<Class<?>, RedisDeployment> running = new ConcurrentHashMap<>();

	/**
	 * Return the deployment running for a test class, for a Spring test context of that
	 * class to connect to.
	 * @param testClass the test class, or a class nested in it
	 * @return the deployment
	 * @throws IllegalStateException if no deployment runs for the class: it is not
	 * annotated with {@link EmbeddedRedis}, or JUnit has not started it yet
	 */
	public static RedisDeployment runningFor(Class<?> testClass) {
		for (Class<?> candidate = testClass; candidate != null; candidate = candidate.getEnclosingClass()) {
			RedisDeployment deployment = running.get(candidate);
			if (deployment != null) {
				return deployment;
			}
		}
		throw new IllegalStateException("No embedded Redis runs for " + testClass.getName()
				+ "; annotate it (or a class that encloses it) with @EmbeddedRedis");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		deployment(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisDeployment.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return deployment(extensionContext);
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		RedisDeployment deployment = deployment(context);
		StringBuilder logs = new StringBuilder("Logs of " + deployment + " after " + context.getDisplayName() + ":\n");
		deployment.nodes()
			.forEach((node) -> logs.append("--- ").append(node).append('\n').append(node.logTail(30)).append('\n'));
		System.err.println(logs);
	}

	private RedisDeployment deployment(ExtensionContext context) {
		ExtensionContext owner = annotatedClassContext(context);
		EmbeddedRedis annotation = AnnotationSupport.findAnnotation(owner.getRequiredTestClass(), EmbeddedRedis.class)
			.orElseThrow();
		return owner.getStore(NAMESPACE)
			.getOrComputeIfAbsent(RedisDeployment.class,
					(key) -> new StoredDeployment(owner.getRequiredTestClass(), start(annotation)),
					StoredDeployment.class)
			.deployment();
	}

	private static ExtensionContext annotatedClassContext(ExtensionContext context) {
		ExtensionContext current = context;
		ExtensionContext annotated = null;
		while (current != null) {
			if (current.getTestClass().isPresent()
					&& AnnotationSupport.isAnnotated(current.getRequiredTestClass(), EmbeddedRedis.class)) {
				annotated = current;
			}
			current = current.getParent().orElse(null);
		}
		if (annotated == null) {
			throw new IllegalStateException("No @EmbeddedRedis on " + context.getTestClass().orElse(null));
		}
		return annotated;
	}

	private static RedisDeployment start(EmbeddedRedis annotation) {
		RedisDeployment.Builder builder;
		if (annotation.topology() == EmbeddedRedis.Topology.CLUSTER) {
			builder = RedisDeployment.cluster()
				.primaries(annotation.primaries())
				.replicasPerPrimary(annotation.replicasPerPrimary())
				.clusterNodeTimeout(Duration.ofMillis(annotation.clusterNodeTimeoutMillis()));
		}
		else {
			builder = RedisDeployment.standalone();
		}
		builder.tls(annotation.tls());
		if (!annotation.password().isEmpty()) {
			builder.password(annotation.password());
		}
		Arrays.stream(annotation.configuration()).forEach(builder::configure);
		return builder.start();
	}

	/**
	 * A deployment in the extension's store, closed with the test class: as an
	 * {@code AutoCloseable} under JUnit 6 (which warns about a {@code CloseableResource}
	 * that is not one) and as a {@code CloseableResource} under JUnit 5.
	 */
	@SuppressWarnings("deprecation")
	private record StoredDeployment(Class<?> testClass,
			RedisDeployment deployment) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

		StoredDeployment {
			running.put(testClass, deployment);
		}

		@Override
		public void close() {
			running.remove(this.testClass, this.deployment);
			this.deployment.close();
		}

	}

}
