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

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.rediscache.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The IAM token is the SigV4-presigned {@code connect} request ElastiCache expects:
 * checked against a signature computed here from the SigV4 specification, with a fixed
 * clock and fixed credentials (AWS's documentation example keys), independently of the
 * SDK's signer.
 */
class ElastiCacheIamAuthenticationTests {

	private static final AwsCredentialsIdentity CREDENTIALS = AwsBasicCredentials.create("AKIDEXAMPLE",
			"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	@Test
	void theTokenIsThePresignedConnectRequestOfTheSigV4Specification() throws Exception {
		String token = authentication(false).token(CREDENTIALS, NOW);
		assertThat(token).startsWith("my-cache/?").doesNotStartWith("http");
		Map<String, String> query = query(token);
		assertThat(query).containsEntry("Action", "connect")
			.containsEntry("User", "iam-user")
			.containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
			.containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261207/us-east-1/elasticache/aws4_request")
			.containsEntry("X-Amz-Date", "20261207T120000Z")
			.containsEntry("X-Amz-Expires", "900")
			.containsEntry("X-Amz-SignedHeaders", "host")
			.doesNotContainKey("ResourceType");
		assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query));
	}

	@Test
	void aServerlessCacheIsNamedAsSuchInTheSignedRequest() throws Exception {
		Map<String, String> query = query(authentication(true).token(CREDENTIALS, NOW));
		assertThat(query).containsEntry("ResourceType", "ServerlessCache");
		assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query));
	}

	@Test
	void missingSettingsAreNamedAndTheTokenNeverAppearsInToString() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ElastiCacheIamAuthentication.Settings("iam-user", " ", "us-east-1", false,
					Duration.ofMinutes(10)))
			.withMessageContaining("iam.cache-name");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new ElastiCacheIamAuthentication.Settings("iam-user", "my-cache", "us-east-1", false,
					Duration.ofMinutes(15)))
			.withMessageContaining("iam.refresh-interval");
		ElastiCacheIamAuthentication authentication = authentication(false);
		String token = authentication.token(CREDENTIALS, NOW);
		assertThat(authentication.toString()).doesNotContain(query(token).get("X-Amz-Signature")).contains("iam-user");
	}

	private static ElastiCacheIamAuthentication authentication(boolean serverless) {
		return new ElastiCacheIamAuthentication(new ElastiCacheIamAuthentication.Settings("iam-user", "my-cache",
				"us-east-1", serverless, Duration.ofMinutes(10)), () -> CREDENTIALS, Clock.systemUTC(), (token) -> {
				});
	}

	private static Map<String, String> query(String token) {
		Map<String, String> query = new TreeMap<>();
		for (String pair : token.substring(token.indexOf('?') + 1).split("&")) {
			int equals = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

	/**
	 * The signature of the request, from the SigV4 specification: canonical request,
	 * string to sign, derived key, HMAC.
	 */
	private static String expectedSignature(Map<String, String> query) throws Exception {
		String canonicalQuery = query.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("X-Amz-Signature"))
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.sorted()
			.collect(Collectors.joining("&"));
		String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:my-cache\n\nhost\n" + hex(sha256(""));
		String date = "20261207";
		String scope = date + "/us-east-1/elasticache/aws4_request";
		String stringToSign = "AWS4-HMAC-SHA256\n20261207T120000Z\n" + scope + "\n" + hex(sha256(canonicalRequest));
		byte[] key = hmac(("AWS4" + CREDENTIALS.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
		key = hmac(key, "us-east-1");
		key = hmac(key, "elasticache");
		key = hmac(key, "aws4_request");
		return hex(hmac(key, stringToSign));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

	private static byte[] sha256(String value) throws Exception {
		return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(byte[] key, String value) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
