package dev.junitsandbox.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs a fixture class through the Jupiter engine, its reports going to {@code reports}. */
final class EngineRuns {

  private EngineRuns() {}

  static EngineExecutionResults run(
      Class<?> testCase, Path reports, Map<String, String> configuration) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SandboxSettings.REPORTS_DIR, reports.toString())
        .configurationParameters(configuration)
        .selectors(selectClass(testCase))
        .execute();
  }

  static EngineExecutionResults run(Class<?> testCase, Path reports) {
    return run(testCase, reports, Map.of());
  }
}
