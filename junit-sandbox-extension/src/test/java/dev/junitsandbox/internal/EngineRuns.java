package dev.junitsandbox.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs a fixture class through the Jupiter engine, its reports going to {@code reports}: against
 * the live daemon, or against a {@link SuppliedDaemon} without Docker.
 */
final class EngineRuns {

  private EngineRuns() {}

  static EngineExecutionResults run(
      Class<?> testCase, Path reports, Map<String, String> configuration) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SandboxSettings.REPORTS_DIR, reports.toString())
        .configurationParameter(Fixture.ENGINE_RUN, "true")
        .configurationParameters(configuration)
        .selectors(selectClass(testCase))
        .execute();
  }

  static EngineExecutionResults run(Class<?> testCase, Path reports) {
    return run(testCase, reports, Map.of());
  }

  /** Runs {@code testCase} as if the Docker daemon answered as {@code daemon} says. */
  static EngineExecutionResults run(
      Class<?> testCase, Path reports, SuppliedDaemon daemon, Map<String, String> configuration) {
    Map<String, String> all = new HashMap<>(daemon.configuration());
    all.putAll(configuration);
    return run(testCase, reports, all);
  }

  static EngineExecutionResults run(Class<?> testCase, Path reports, SuppliedDaemon daemon) {
    return run(testCase, reports, daemon, Map.of());
  }
}
