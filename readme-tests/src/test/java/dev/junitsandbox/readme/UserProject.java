package dev.junitsandbox.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway Maven project made of a user's usual skeleton and the README's snippets: the
 * dependency block, the Surefire block and the first test class. Everything a user would copy comes
 * from the README; the skeleton only adds what any project has (coordinates, Java release, the
 * compiler and resources plugins at this build's versions, so that an offline build finds them).
 */
final class UserProject {

  /** The marked README blocks the project is made of. */
  static final String DEPENDENCIES = "pom-dependencies";

  static final String SUREFIRE = "surefire-plugin";
  static final String FIRST_TEST = "first-test";

  /**
   * The variables this repository's own build sets for its test JVMs; removed from the user
   * project's environment, so only the README's Surefire block can set them.
   */
  private static final List<String> BUILD_ONLY_ENVIRONMENT =
      List.of("TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_HOST_OVERRIDE");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern CLASS =
      Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");

  private final Path directory;
  private final String testClass;

  private UserProject(Path directory, String testClass) {
    this.directory = directory;
    this.testClass = testClass;
  }

  /** Plugin versions of this build, which the offline user build finds in the local repository. */
  record PluginVersions(String compiler, String resources) {}

  /**
   * Writes the project into {@code directory}, replacing what an earlier run left there.
   *
   * @throws IllegalArgumentException if the README lacks a block or its test class has no package
   *     or class declaration
   */
  static UserProject write(Path directory, ReadmeSnippets readme, PluginVersions versions)
      throws IOException {
    String dependencies = readme.block(DEPENDENCIES);
    String surefire = readme.block(SUREFIRE);
    String test = readme.block(FIRST_TEST);
    String packageName = find(PACKAGE, test, "package declaration");
    String className = find(CLASS, test, "top-level class declaration");

    deleteRecursively(directory);
    Path sources = directory.resolve("src/test/java").resolve(packageName.replace('.', '/'));
    Files.createDirectories(sources);
    Files.writeString(sources.resolve(className + ".java"), test);
    Files.writeString(
        directory.resolve("pom.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>readme-user-project</artifactId>
          <version>1.0</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
        %s  </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>%s</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>%s</version>
              </plugin>
        %s    </plugins>
          </build>
        </project>
        """
            .formatted(
                indent(dependencies, 4),
                versions.compiler(),
                versions.resources(),
                indent(surefire, 6)));
    return new UserProject(directory, packageName + "." + className);
  }

  /** The fully qualified name of the README's test class. */
  String testClass() {
    return testClass;
  }

  /** The directory the project was written to. */
  Path directory() {
    return directory;
  }

  /** Where Surefire writes the XML report of the README's test class. */
  Path surefireReport() {
    return directory.resolve("target/surefire-reports/TEST-" + testClass + ".xml");
  }

  /** What {@code mvn test} did: its exit code and the file that holds its whole output. */
  record MavenRun(int exitCode, Path log, boolean timedOut) {

    /** The last {@code lines} lines of the output, for failure messages. */
    String tail(int lines) {
      try {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e.getMessage() + ")";
      }
    }
  }

  /**
   * Runs {@code mvn test} on the project, offline: the library and its dependencies come from
   * {@code stagingRepository} (this build's local repository for the user project), everything else
   * (plugins) from {@code buildRepository}, this build's own local repository, read as a {@code
   * file://} mirror and never written to. Kills Maven and its forked JVM after {@code timeout}.
   */
  MavenRun test(Path mavenHome, Path stagingRepository, Path buildRepository, Duration timeout)
      throws IOException, InterruptedException {
    Path settings = directory.resolve("settings.xml");
    Files.writeString(
        settings,
        """
        <settings>
          <localRepository>%1$s</localRepository>
          <mirrors>
            <mirror>
              <id>build-local-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%2$s</url>
            </mirror>
          </mirrors>
          <profiles>
            <profile>
              <!-- a local repository keeps no checksums: not having them is no reason to warn -->
              <id>no-checksums</id>
              <repositories>
                <repository>
                  <id>central</id>
                  <url>%2$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>central</id>
                  <url>%2$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles>
            <activeProfile>no-checksums</activeProfile>
          </activeProfiles>
        </settings>
        """
            .formatted(
                stagingRepository.toAbsolutePath(), buildRepository.toAbsolutePath().toUri()));
    Path log = directory.resolve("maven.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                mavenHome.resolve("bin/mvn").toString(),
                "-B",
                "-ntp",
                "--offline",
                // offline, but the file:// mirror of this build's local repository may be read
                "-Daether.offline.protocols=file",
                "--settings",
                settings.toString(),
                "test")
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    BUILD_ONLY_ENVIRONMENT.forEach(builder.environment()::remove);
    Process maven = builder.start();
    if (maven.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      return new MavenRun(maven.exitValue(), log, false);
    }
    maven.descendants().forEach(ProcessHandle::destroyForcibly);
    maven.destroyForcibly();
    maven.waitFor(30, TimeUnit.SECONDS);
    return new MavenRun(-1, log, true);
  }

  private static String find(Pattern pattern, String test, String what) {
    Matcher matcher = pattern.matcher(test);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "The README block marked readme-test: "
              + FIRST_TEST
              + " has no "
              + what
              + "; it must be a whole test class a user can copy into src/test/java:\n"
              + test);
    }
    return matcher.group(1);
  }

  private static String indent(String block, int spaces) {
    String indent = " ".repeat(spaces);
    return block
        .lines()
        .map(line -> line.isEmpty() ? line : indent + line)
        .reduce("", (a, b) -> a + b + "\n");
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
