package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A misspelt key given as a system property ({@code -Dkey=value}, as CI scripts do) is rejected
 * too. The property is set in a child JVM, so it cannot leak into the tests of this one.
 */
class SettingsSystemPropertyTests {

  @TempDir Path scratch;

  @Test
  void rejectsAMisspeltKeyGivenAsASystemProperty() throws Exception {
    // WHEN a fixture runs in a JVM started with -Djunit.sandbox.runtimes.require=true
    ChildRun child = runInChildJvm("-Djunit.sandbox.runtimes.require=true");

    // THEN
    assertThat(child.exitCode()).as("child JVM's exit code; output:%n%s", child.output()).isZero();
    assertThat(child.output())
        .contains(
            "started tests: 0",
            "ExtensionConfigurationException: Configuration error: Unknown configuration key"
                + " 'junit.sandbox.runtimes.require' (set as a system property"
                + " (-Djunit.sandbox.runtimes.require)): did you mean"
                + " 'junit.sandbox.runtimes.required'?");
  }

  @Test
  void runsWithTheCorrectKeyGivenAsASystemProperty() throws Exception {
    // WHEN the same fixture runs with the key spelt right: strict mode, no daemon
    ChildRun child = runInChildJvm("-Djunit.sandbox.runtimes.required=true");

    // THEN strict mode took effect: runc fails instead of being skipped
    assertThat(child.exitCode()).as("child JVM's exit code; output:%n%s", child.output()).isZero();
    assertThat(child.output())
        .contains("started tests: 2", "failed tests: 1", "skipped tests: 0")
        .doesNotContain("Unknown configuration key");
  }

  private ChildRun runInChildJvm(String property) throws IOException, InterruptedException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path output = scratch.resolve("child.out");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    property,
                    "-cp",
                    classPath,
                    ChildJvm.class.getName(),
                    scratch.resolve("reports").toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the child JVM did not finish within 120 s");
    }
    return new ChildRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  private record ChildRun(int exitCode, String output) {}

  /** Runs a host-and-runc fixture against an unreachable daemon and prints what happened. */
  static final class ChildJvm {

    public static void main(String[] args) {
      // as a launcher does: system properties are configuration parameters (EngineTestKit turns
      // that off unless asked)
      EngineExecutionResults results =
          EngineTestKit.engine("junit-jupiter")
              .enableImplicitConfigurationParameters(true)
              .configurationParameter(SandboxSettings.REPORTS_DIR, args[0])
              .configurationParameter(Fixture.ENGINE_RUN, "true")
              .configurationParameters(
                  SuppliedDaemon.unreachable("connection refused").configuration())
              .selectors(selectClass(RuntimesExtensionTestCases.HostAndRunc.class))
              .execute();
      System.out.println("started tests: " + results.testEvents().started().count());
      System.out.println("failed tests: " + results.testEvents().failed().count());
      System.out.println("skipped tests: " + results.testEvents().skipped().count());
      results.allEvents().failed().stream()
          .forEach(
              event ->
                  event
                      .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                      .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                      .ifPresent(
                          t ->
                              System.out.println(
                                  t.getClass().getSimpleName() + ": " + t.getMessage())));
    }
  }
}
