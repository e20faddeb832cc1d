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
package io.github.rediscache.cache.fidelity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What Lombok's {@code @Value} generates, written by hand: a final class, private final
 * fields, one all-arguments constructor, getters, equals, hashCode and toString.
 */
public final class LombokValueProduct {

	private final String sku;

	private final BigDecimal price;

	private final Color color;

	public LombokValueProduct(String sku, BigDecimal price, Color color) {
		this.sku = sku;
		this.price = price;
		this.color = color;
	}

	public String getSku() {
		return this.sku;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public Color getColor() {
		return this.color;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LombokValueProduct that && Objects.equals(this.sku, that.sku)
				&& Objects.equals(this.price, that.price) && this.color == that.color;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.sku, this.price, this.color);
	}

	@Override
	public String toString() {
		return "LombokValueProduct(sku=" + this.sku + ", price=" + this.price + ", color=" + this.color + ")";
	}

}
