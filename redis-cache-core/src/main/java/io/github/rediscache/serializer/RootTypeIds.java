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
package io.github.rediscache.serializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The short type ids of the binary encodings: a value of exactly the declared root type
 * is named by a fingerprint of that type's name ({@code ~} and 48 bits of its SHA-256,
 * nine characters instead of a class name of forty), under the type property
 * {@value #PROPERTY}. A reader knows its declared type, so it compares fingerprints: an
 * entry of another type is still refused, not read as an empty instance, and no class is
 * looked up by a short id. Every other value keeps its class name, judged by the
 * allow-list. JSON keeps class names everywhere, for {@code redis-cli}.
 *
 * @author redis-cache authors
 */
final class RootTypeIds {

	/**
	 * The type property of the binary encodings.
	 */
	static final String PROPERTY = "@c";

	private static final char MARK = '~';

	private final Class<?> rootType;

	private final String id;

	RootTypeIds(Class<?> rootType) {
		this.rootType = rootType;
		this.id = MARK + fingerprint(rootType.getName());
	}

	/**
	 * Return the short id of the root type.
	 * @return {@code ~} and the fingerprint
	 */
	String id() {
		return this.id;
	}

	/**
	 * Return the id to write for a value.
	 * @param value the value
	 * @param id its class name id
	 * @return the short id if the value is exactly of the root type, else {@code id}
	 */
	String idFor(Object value, String id) {
		return (value.getClass() == this.rootType) ? this.id : id;
	}

	/**
	 * Return whether an id read is a short one, which names the root type or nothing.
	 * @param id the id
	 * @return whether it is short
	 */
	static boolean isShort(String id) {
		return !id.isEmpty() && id.charAt(0) == MARK;
	}

	/**
	 * Return the root type if a short id names it.
	 * @param id a short id
	 * @return the root type
	 * @throws IllegalArgumentException if the id names another type
	 */
	Class<?> rootTypeOf(String id) {
		if (!this.id.equals(id)) {
			throw new IllegalArgumentException("Type id '" + id + "' is not the declared type "
					+ this.rootType.getName() + " (" + this.id + "): an entry of another type");
		}
		return this.rootType;
	}

	private static String fingerprint(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
