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

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;

/**
 * Decides, by name and before any class is loaded, which class names written in Redis may
 * be instantiated: the declared type itself, the classes of the given packages (by
 * default the application's own), {@code java.time}, the JDK value and collection types
 * people cache, and arrays whose component type is allowed. Everything else is refused,
 * so a hostile entry can neither name a gadget class nor load one through an array of
 * {@code Class} or {@code URL}. The rules are {@link TypeIdRules}'; this is their Jackson
 * 2 form.
 *
 * @author redis-cache authors
 */
final class AllowListTypeValidator extends PolymorphicTypeValidator.Base {

	private static final long serialVersionUID = 1L;

	private final TypeIdRules rules;

	AllowListTypeValidator(TypeIdRules rules) {
		this.rules = rules;
	}

	@Override
	public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
		return Validity.INDETERMINATE;
	}

	@Override
	public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
		return this.rules.allowed(baseType.getRawClass().getName(), subClassName) ? Validity.ALLOWED : Validity.DENIED;
	}

	@Override
	public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
		return validateSubClassName(config, baseType, subType.getRawClass().getName());
	}

}
