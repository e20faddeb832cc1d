package com.example.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class ConsumerApplicationTests {

	@Autowired
	ConsumerApplication.Greetings greetings;

	@Autowired
	CacheManager cacheManager;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void theStarterCachesInRedisByItsPublishedCoordinates() {
		assertThat(this.cacheManager.getClass().getName()).startsWith("io.github.rediscache.");
		ConsumerApplication.Greeting first = this.greetings.greet("consumer");
		ConsumerApplication.Greeting second = this.greetings.greet("consumer");
		assertThat(second).isEqualTo(first);
		assertThat(this.greetings.loads()).isEqualTo(1);
		assertThat(this.redis.keys("*greetings*")).hasSize(1);
	}

}
