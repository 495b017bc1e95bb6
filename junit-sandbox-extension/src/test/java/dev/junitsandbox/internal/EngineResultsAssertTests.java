package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The test kit's assertions fail when the run differs, and say what the run did. */
class EngineResultsAssertTests {

  @TempDir Path reports;

  private EngineExecutionResults results;

  @BeforeEach
  void runAHostInvocationAndASkippedOne() {
    results =
        EngineRuns.run(
            RuntimesExtensionTestCases.MissingRuntime.class,
            reports,
            SuppliedDaemon.registering("runc"));
  }

  @Test
  void passesWhenTheRunMatches() {
    assertThat(results)
        .hasNumberOfStartedTests(1)
        .hasNumberOfSucceededTests(1)
        .hasNumberOfFailedTests(0)
        .hasSingleSkippedTest()
        .withReasonContaining("is not registered")
        .and()
        .hasSucceededTest("noop() [host]");
  }

  @Test
  void aWrongCountListsEveryOutcome() {
    assertThatThrownBy(() -> assertThat(results).hasNumberOfSucceededTests(2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting 2 succeeded tests")
        .hasMessageContaining("but there were 1 in:")
        .hasMessageContaining("test [noop() [host]] SUCCESSFUL")
        .hasMessageContaining(
            "test [noop() [" + RuntimesExtensionTestCases.MISSING_RUNTIME + "]] SKIPPED: Runtime");
  }

  @Test
  void aMissingTestIsNamed() {
    assertThatThrownBy(() -> assertThat(results).hasSucceededTest("noop() [runc]"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting one succeeded test [noop() [runc]]")
        .hasMessageContaining("but there were 0 in:");
  }

  @Test
  void aReasonWithoutTheExpectedPartShowsTheReasonAndWhatIsMissing() {
    assertThatThrownBy(
            () ->
                assertThat(results)
                    .hasSingleSkippedTest()
                    .withReasonContaining("is not registered", "no such words"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting the reason of the skipped test:")
        .hasMessageContaining("Runtime " + RuntimesExtensionTestCases.MISSING_RUNTIME)
        .hasMessageContaining("to contain:")
        .hasMessageContaining("[no such words]");
  }

  @Test
  void aSuccessHasNoFailureMessage() {
    assertThatThrownBy(
            () ->
                assertThat(results)
                    .hasNumberOfSucceededTests(1)
                    .eachFailedTest()
                    .withMessageContaining("anything"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting failed tests")
        .hasMessageContaining("but there were none");
  }
}
