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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.rediscache.report.StartupReport;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Logs the {@link StartupReport} once the application is ready, on a thread of its own
 * (the report asks Redis, which may not answer), stopped with the context.
 *
 * @author redis-cache authors
 */
class StartupReportListener implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private final StartupReport report;

	private final ExecutorService executor;

	StartupReportListener(StartupReport report) {
		this.report = report;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("redis-cache-startup-report-");
		threads.setDaemon(true);
		this.executor = Executors.newSingleThreadExecutor(threads);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.executor.execute(this.report::log);
		this.executor.shutdown();
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
