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

import io.github.rediscache.client.ElastiCacheIamAuthentication;
import io.lettuce.core.ClientOptions.ReauthenticateBehavior;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code redis-cache.client.iam.*} from properties: the tokens become the connection's
 * credentials and connections re-authenticate with each new one; a missing setting, a
 * password file beside it and a missing AWS SDK each stop start-up naming the property or
 * the dependency. The tokens themselves are tested in the core, against a signature
 * computed from the SigV4 specification and end to end on real Redis.
 */
class IamAuthenticationAutoConfigurationTests {

	private final ApplicationContextRunner runner = TestContexts.withoutRedis()
		.withPropertyValues("redis-cache.client.iam.enabled=true", "redis-cache.client.iam.user-id=iam-user",
				"redis-cache.client.iam.cache-name=my-cache", "redis-cache.client.iam.region=us-east-1");

	@BeforeEach
	void awsCredentials() {
		// The SDK's default chain reads them from system properties first.
		System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
		System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
	}

	@AfterEach
	void forget() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
	}

	@Test
	void tokensAreTheConnectionsCredentialsAndConnectionsReauthenticateWithEachNewOne() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ElastiCacheIamAuthentication.class);
			LettuceConnectionFactory factory = context.getBean(LettuceConnectionFactory.class);
			assertThat(factory.getClientConfiguration().getRedisCredentialsProviderFactory())
				.containsSame(context.getBean(ElastiCacheIamAuthentication.class));
			assertThat(factory.getClientConfiguration().getClientOptions().orElseThrow().getReauthenticateBehaviour())
				.isEqualTo(ReauthenticateBehavior.ON_NEW_CREDENTIALS);
			assertThat(context.getBean(ElastiCacheIamAuthentication.class).toString()).contains("iam-user")
				.doesNotContain("X-Amz-Signature");
		});
	}

	@Test
	void aMissingSettingIsNamed() {
		this.runner.withPropertyValues("redis-cache.client.iam.region=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("redis-cache.client.iam.region"));
	}

	@Test
	void aPasswordFileBesideItIsRefused() {
		this.runner.withPropertyValues("redis-cache.client.password-file=/run/secrets/redis-password")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("redis-cache.client.password-file")
				.hasMessageContaining("IAM"));
	}

	@Test
	void withoutTheAwsSdkTheDependencyToAddIsNamed() {
		this.runner.withClassLoader(new FilteredClassLoader("software.amazon.awssdk.auth"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("redis-cache.client.iam.enabled")
				.hasMessageContaining("AWS SDK"));
	}

	@Test
	void offByDefault() {
		TestContexts.withoutRedis()
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ElastiCacheIamAuthentication.class));
	}

}
