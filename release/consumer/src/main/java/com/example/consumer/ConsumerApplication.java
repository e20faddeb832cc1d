package com.example.consumer;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.stereotype.Service;

@SpringBootApplication
@EnableCaching
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@Service
	public static class Greetings {

		private final AtomicInteger loads = new AtomicInteger();

		@Cacheable("greetings")
		public Greeting greet(String name) {
			return new Greeting("Hello, " + name, this.loads.incrementAndGet());
		}

		public int loads() {
			return this.loads.get();
		}

	}

	public record Greeting(String text, int load) {
	}

}
