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
package io.github.rediscache.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.springframework.aop.support.AopUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.BasicOperation;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CachePutOperation;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Resolves the caches of a cache operation like Spring's default resolver, but hands
 * {@code @Cacheable} and {@code @CachePut} the view of a
 * {@link ResilientRedisCacheManager} cache for the method's declared return type (see
 * {@link ResilientRedisCacheManager#getCache(String, Type)}), so that values come back as
 * exactly the type the method declares. {@code Optional}, {@code CompletableFuture} and
 * other futures, and Reactor's {@code Mono} are unwrapped; a {@code Flux<T>} is cached as
 * {@code List<T>}. A return type with unresolved type variables is treated as
 * {@code Object}. Other cache managers get Spring's default behaviour.
 *
 * @author redis-cache authors
 */
public class DeclaredTypeCacheResolver implements CacheResolver {

	private final Supplier<CacheManager> cacheManager;

	/** By target class, then operation: two lookups and no allocation per call. */
	private final Map<Class<?>, Map<BasicOperation, Resolution>> resolutions = new ConcurrentHashMap<>();

	/**
	 * Create a resolver.
	 * @param cacheManager supplies the cache manager; called on every resolution, so it
	 * should remember the manager
	 */
	public DeclaredTypeCacheResolver(Supplier<CacheManager> cacheManager) {
		this.cacheManager = cacheManager;
	}

	@Override
	public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
		CacheManager manager = this.cacheManager.get();
		if (!(manager instanceof ResilientRedisCacheManager resilient)) {
			return resolve(manager, context, Object.class);
		}
		// Every call of a method resolves the same caches while the manager keeps the
		// caches they are views of: remember them per operation of a target class.
		Class<?> targetClass = AopUtils.getTargetClass(context.getTarget());
		Map<BasicOperation, Resolution> ofClass = this.resolutions.get(targetClass);
		if (ofClass == null) {
			ofClass = this.resolutions.computeIfAbsent(targetClass, (type) -> new ConcurrentHashMap<>());
		}
		Resolution resolution = ofClass.get(context.getOperation());
		if (resolution == null || !resolution.isFor(context.getMethod()) || !resolution.current(resilient)) {
			Type valueType = (context.getOperation() instanceof CacheableOperation
					|| context.getOperation() instanceof CachePutOperation)
							? declaredValueType(context.getMethod(), targetClass) : Object.class;
			List<String> names = List.copyOf(context.getOperation().getCacheNames());
			List<Cache> bases = names.stream().map(resilient::getCache).toList();
			resolution = new Resolution(context.getMethod(), names, bases,
					List.copyOf(resolve(manager, context, valueType)));
			ofClass.put(context.getOperation(), resolution);
		}
		return resolution.caches();
	}

	private static List<Cache> resolve(CacheManager manager, CacheOperationInvocationContext<?> context,
			Type valueType) {
		Collection<String> names = context.getOperation().getCacheNames();
		List<Cache> caches = new ArrayList<>(names.size());
		for (String name : names) {
			Cache cache = (manager instanceof ResilientRedisCacheManager resilient)
					? resilient.getCache(name, valueType) : manager.getCache(name);
			if (cache == null) {
				throw new IllegalArgumentException(
						"Cannot find cache named '" + name + "' for " + context.getOperation());
			}
			caches.add(cache);
		}
		return caches;
	}

	static Type declaredValueType(Method method, Class<?> targetClass) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, targetClass);
		while (type.resolve() != null && isWrapper(type.resolve())) {
			type = type.getGeneric(0);
		}
		if (type.resolve() != null && type.resolve().getName().equals("reactor.core.publisher.Flux")) {
			type = ResolvableType.forClassWithGenerics(List.class, type.getGeneric(0));
		}
		Class<?> raw = type.resolve();
		if (raw == null || raw == void.class || type.hasUnresolvableGenerics()) {
			return Object.class;
		}
		return raw.isPrimitive() ? ClassUtils.resolvePrimitiveIfNecessary(raw) : concrete(type).getType();
	}

	/**
	 * The type with every type variable replaced by what it resolves to, so that it means
	 * the same without the method it came from.
	 */
	private static ResolvableType concrete(ResolvableType type) {
		if (type.isArray()) {
			return ResolvableType.forArrayComponent(concrete(type.getComponentType()));
		}
		if (!type.hasGenerics()) {
			return ResolvableType.forClass(type.resolve(Object.class));
		}
		ResolvableType[] generics = type.getGenerics();
		ResolvableType[] resolved = new ResolvableType[generics.length];
		for (int i = 0; i < generics.length; i++) {
			resolved[i] = concrete(generics[i]);
		}
		return ResolvableType.forClassWithGenerics(type.resolve(Object.class), resolved);
	}

	/**
	 * The caches an operation of a method resolved, and the caches of the manager they
	 * are views of: still current while the manager returns the same caches for the
	 * names.
	 */
	private record Resolution(Method method, List<String> names, List<Cache> bases, List<Cache> caches) {

		/**
		 * Whether this is the resolution of the method: the same instance comes with
		 * every call, so it is compared by identity first.
		 */
		boolean isFor(Method called) {
			return this.method == called || this.method.equals(called);
		}

		boolean current(CacheManager manager) {
			for (int i = 0; i < this.names.size(); i++) {
				if (manager.getCache(this.names.get(i)) != this.bases.get(i)) {
					return false;
				}
			}
			return true;
		}

	}

	private static boolean isWrapper(Class<?> type) {
		return type == Optional.class || CompletionStage.class.isAssignableFrom(type)
				|| Future.class.isAssignableFrom(type) || type.getName().equals("reactor.core.publisher.Mono");
	}

}
