package dev.junitsandbox.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.readme.SurefireReport.Outcome;
import dev.junitsandbox.readme.SurefireReport.TestCase;
import dev.junitsandbox.readme.UserProject.MavenRun;
import dev.junitsandbox.readme.UserProject.PluginVersions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's "Writing tests" steps, done as a user does them: a project of their own made of the
 * README's dependency block, Surefire block and first test class, built by a separate Maven against
 * the library this build just made. A README edit that breaks a user's build fails here.
 */
class ReadmeUserProjectTests {

  /** Compiling and two invocations take under a minute here; this only bounds a hung build. */
  private static final Duration MAVEN_TIMEOUT = Duration.ofMinutes(5);

  @Test
  void aUserProjectMadeOfTheReadmeSnippetsRunsItsFirstTestOnEachRuntime() throws Exception {
    // GIVEN a user's project made of the README's snippets
    ReadmeSnippets readme = ReadmeSnippets.read(path("readme.file"));
    UserProject project =
        UserProject.write(
            path("readme.project"),
            readme,
            new PluginVersions(
                property("readme.maven-compiler-plugin.version"),
                property("readme.maven-resources-plugin.version")));

    // WHEN Maven runs its tests, offline, with the just-built library
    MavenRun run =
        project.test(
            path("readme.maven.home"),
            path("readme.repository"),
            path("readme.maven.localRepository"),
            MAVEN_TIMEOUT);

    // THEN the build passed and the README's test ran once per runtime
    assertThat(run.timedOut())
        .as(
            "mvn test in %s did not finish within %d s and was killed; the end of its output (all of"
                + " it in %s):%n%s",
            project.directory(), MAVEN_TIMEOUT.toSeconds(), run.log(), run.tail(40))
        .isFalse();
    assertThat(run.exitCode())
        .as(
            "mvn test of the project made from README.md's snippets (%s) failed. The README's"
                + " blocks marked readme-test: %s, %s and %s must build as they stand, offline,"
                + " with the versions this build uses. The end of Maven's output (all of it in"
                + " %s):%n%s",
            project.directory(),
            UserProject.DEPENDENCIES,
            UserProject.SUREFIRE,
            UserProject.FIRST_TEST,
            run.log(),
            run.tail(60))
        .isZero();
    assertThat(project.surefireReport())
        .as("Surefire's report of the README's test class %s", project.testClass())
        .exists();
    SurefireReport report = SurefireReport.read(project.surefireReport());
    // the README's Surefire configuration reports display names, which carry the runtime, in the
    // order of @Runtimes({HOST, RUNC})
    assertThat(report.testCases())
        .as("the invocations of %s in %s", project.testClass(), report.file())
        .extracting(TestCase::runtime)
        .containsExactly("host", "runc");
    TestCase host = report.testCases().get(0);
    TestCase runc = report.testCases().get(1);
    assertThat(host.outcome()).as("the HOST invocation, %s", host).isEqualTo(Outcome.PASSED);
    // a machine without runc skips that invocation, with the reason: not the README's fault
    if (runc.outcome() == Outcome.SKIPPED) {
      assertThat(runc.message()).as("the reason the RUNC invocation was skipped").isNotBlank();
    }
    assumeThat(runc.outcome())
        .as("the RUNC invocation ran: %s", runc)
        .isNotEqualTo(Outcome.SKIPPED);
    assertThat(runc.outcome()).as("the RUNC invocation, %s", runc).isEqualTo(Outcome.PASSED);
  }

  private static Path path(String key) {
    return Path.of(property(key));
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    assertThat(value)
        .as(
            "system property %s, which readme-tests/pom.xml passes to the test JVM: run this test"
                + " through Maven (mvn -pl readme-tests -am verify)",
            key)
        .isNotBlank();
    return value;
  }
}
