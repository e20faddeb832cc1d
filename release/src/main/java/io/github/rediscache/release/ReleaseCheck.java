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
package io.github.rediscache.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks that the staged release holds, for every published module, what Maven Central
 * requires, and writes the Central Portal bundle from it. Run by the release build
 * (docs/releasing.md) after every published module is staged; any finding fails the build
 * and names the module and what is missing.
 * <p>
 * Arguments: the staging repository, the bundle to write, the group id, the version and
 * the published modules as {@code artifactId:packaging,...}.
 */
public final class ReleaseCheck {

	private static final Map<String, String> CHECKSUMS = Map.of("md5", "MD5", "sha1", "SHA-1");

	private static final List<String> REQUIRED_POM_ELEMENTS = List.of("name", "description", "url",
			"licenses/license/name", "licenses/license/url", "developers/developer/name", "scm/url", "scm/connection");

	private final Path staging;

	private final String groupId;

	private final String version;

	private final boolean signed;

	private final List<String> findings = new ArrayList<>();

	ReleaseCheck(Path staging, String groupId, String version, boolean signed) {
		this.staging = staging;
		this.groupId = groupId;
		this.version = version;
		this.signed = signed;
	}

	public static void main(String[] args) throws Exception {
		Path staging = Path.of(args[0]);
		Path bundle = Path.of(args[1]);
		ReleaseCheck check = new ReleaseCheck(staging, args[2], args[3], System.getenv("MAVEN_GPG_KEY") != null);
		List<String> findings = check.check(parseModules(args[4]));
		if (!findings.isEmpty()) {
			throw new IllegalStateException(
					"The staged release in " + staging + " is not complete:\n  " + String.join("\n  ", findings));
		}
		check.writeBundle(bundle);
		System.out.println(
				"Release check: " + args[4].split(",").length + " modules of " + args[2] + ":" + args[3] + " complete"
						+ (check.signed ? " and signed" : " (not signed: no MAVEN_GPG_KEY)") + "; bundle " + bundle);
	}

	static Map<String, String> parseModules(String published) {
		return Stream.of(published.split(","))
			.map(String::trim)
			.map((module) -> module.split(":"))
			.collect(Collectors.toMap((parts) -> parts[0], (parts) -> parts[1]));
	}

	List<String> check(Map<String, String> modules) throws Exception {
		if (this.version.endsWith("-SNAPSHOT")) {
			this.findings.add("version " + this.version
					+ " is a snapshot, which Central does not take in a bundle: build with -Drevision=X.Y.Z");
		}
		for (Map.Entry<String, String> module : new TreeMap<>(modules).entrySet()) {
			checkModule(module.getKey(), module.getValue());
		}
		return this.findings;
	}

	private void checkModule(String artifactId, String packaging) throws Exception {
		Path directory = this.staging.resolve(this.groupId.replace('.', '/')).resolve(artifactId).resolve(this.version);
		String base = artifactId + "-" + this.version;
		List<String> files = new ArrayList<>(List.of(base + ".pom", base + "-cyclonedx.json"));
		if (packaging.equals("jar")) {
			files.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
		}
		for (String file : files) {
			checkFile(artifactId, directory.resolve(file));
		}
		Path pom = directory.resolve(base + ".pom");
		if (Files.isRegularFile(pom)) {
			checkPom(artifactId, pom);
		}
		Path jar = directory.resolve(base + ".jar");
		Path sources = directory.resolve(base + "-sources.jar");
		if (Files.isRegularFile(jar) && Files.isRegularFile(sources)) {
			checkSourcesCoverClasses(artifactId, jar, sources);
		}
		Path javadoc = directory.resolve(base + "-javadoc.jar");
		if (Files.isRegularFile(jar) && Files.isRegularFile(javadoc)) {
			boolean hasCode = entries(jar).stream().anyMatch((entry) -> entry.endsWith(".class"));
			String expected = hasCode ? "index.html" : "README.md";
			if (!entries(javadoc).contains(expected)) {
				this.findings.add(artifactId + ": " + javadoc.getFileName() + " has no " + expected);
			}
		}
	}

	private void checkFile(String artifactId, Path file) throws IOException, NoSuchAlgorithmException {
		if (!Files.isRegularFile(file)) {
			this.findings.add(artifactId + ": missing " + file.getFileName());
			return;
		}
		byte[] content = Files.readAllBytes(file);
		for (Map.Entry<String, String> checksum : CHECKSUMS.entrySet()) {
			Path sum = file.resolveSibling(file.getFileName() + "." + checksum.getKey());
			String expected = HexFormat.of().formatHex(MessageDigest.getInstance(checksum.getValue()).digest(content));
			if (!Files.isRegularFile(sum)) {
				this.findings.add(artifactId + ": missing " + sum.getFileName());
			}
			else if (!Files.readString(sum).trim().startsWith(expected)) {
				this.findings.add(artifactId + ": " + sum.getFileName() + " does not match " + file.getFileName());
			}
		}
		if (this.signed && !Files.isRegularFile(file.resolveSibling(file.getFileName() + ".asc"))) {
			this.findings.add(artifactId + ": missing signature " + file.getFileName() + ".asc");
		}
	}

	private void checkPom(String artifactId, Path pom) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document document = factory.newDocumentBuilder().parse(pom.toFile());
		Element project = document.getDocumentElement();
		for (String path : REQUIRED_POM_ELEMENTS) {
			String value = text(project, path);
			if (value == null || value.isBlank()) {
				this.findings.add(artifactId + ": POM has no " + path.replace('/', '.'));
			}
		}
		if (!this.version.equals(text(project, "version")) || !this.groupId.equals(text(project, "groupId"))) {
			this.findings.add(artifactId + ": POM is not " + this.groupId + ":" + artifactId + ":" + this.version);
		}
		if (child(project, "parent") != null) {
			this.findings.add(artifactId + ": POM names a parent, which is not published (flatten it)");
		}
		String content = Files.readString(pom);
		if (content.contains("${")) {
			this.findings.add(artifactId + ": POM holds an unresolved ${...} expression");
		}
		NodeList dependencies = project.getElementsByTagName("dependency");
		for (int i = 0; i < dependencies.getLength(); i++) {
			Element dependency = (Element) dependencies.item(i);
			String version = text(dependency, "version");
			if (version == null || version.isBlank()) {
				this.findings.add(artifactId + ": dependency " + text(dependency, "groupId") + ":"
						+ text(dependency, "artifactId") + " has no version");
			}
			if ("test".equals(text(dependency, "scope"))) {
				continue;
			}
			if (this.groupId.equals(text(dependency, "groupId")) && !this.version.equals(version)) {
				this.findings.add(artifactId + ": depends on " + text(dependency, "artifactId") + ":" + version
						+ ", not on this release's " + this.version);
			}
		}
	}

	private void checkSourcesCoverClasses(String artifactId, Path jar, Path sources) throws IOException {
		Set<String> sourceFiles = entries(sources);
		Set<String> missing = new TreeSet<>();
		for (String entry : entries(jar)) {
			if (entry.endsWith(".class") && !entry.contains("$") && !entry.endsWith("package-info.class")) {
				String source = entry.substring(0, entry.length() - ".class".length()) + ".java";
				if (!sourceFiles.contains(source)) {
					missing.add(source);
				}
			}
		}
		if (!missing.isEmpty()) {
			this.findings.add(artifactId + ": sources jar lacks " + missing);
		}
	}

	void writeBundle(Path bundle) throws IOException {
		Files.createDirectories(bundle.getParent());
		Path group = this.staging.resolve(this.groupId.replace('.', '/'));
		List<Path> files;
		try (Stream<Path> walk = Files.walk(group)) {
			files = walk.filter(Files::isRegularFile)
				.filter((file) -> file.getParent().getFileName().toString().equals(this.version))
				.sorted()
				.toList();
		}
		try (OutputStream out = Files.newOutputStream(bundle); ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Path file : files) {
				ZipEntry entry = new ZipEntry(this.staging.relativize(file).toString().replace('\\', '/'));
				entry.setTime(0);
				zip.putNextEntry(entry);
				try (InputStream in = Files.newInputStream(file)) {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
	}

	private static Set<String> entries(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return zip.stream().map(ZipEntry::getName).collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static String text(Element element, String path) {
		Element current = element;
		for (String name : path.split("/")) {
			current = child(current, name);
			if (current == null) {
				return null;
			}
		}
		return current.getTextContent().trim();
	}

	private static Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element
					&& name.equals(element.getLocalName() != null ? element.getLocalName() : element.getTagName())) {
				return element;
			}
		}
		return null;
	}

}
