package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.gate.GateRule;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** The gate's keys: the baseline files and the rule. */
class GateSettingsTests {

  private static Settings read(Map<String, String> parameters) {
    Map<String, String> present = new HashMap<>();
    parameters.keySet().forEach(key -> present.put(key, "a configuration parameter"));
    return Settings.read(key -> Optional.ofNullable(parameters.get(key)), present);
  }

  @Test
  void withoutKeysThereIsNoGateAndTheDefaultRule() {
    // WHEN
    Settings settings = read(Map.of());

    // THEN
    assertThat(settings.gateBaseline()).isEmpty();
    assertThat(settings.gateSaveBaseline()).isEmpty();
    assertThat(settings.gateRule()).isEqualTo(GateRule.defaults());
  }

  @Test
  void readsTheFilesAndTheRuleWithAFiguresOwnTolerance() {
    // WHEN
    Settings settings =
        read(
            Map.of(
                SandboxSettings.GATE_BASELINE,
                " baselines/ci.json ",
                SandboxSettings.GATE_SAVE_BASELINE,
                "target/new.json",
                SandboxSettings.GATE_ALPHA,
                "0.05",
                SandboxSettings.GATE_TOLERANCE,
                "0.1",
                SandboxSettings.GATE_TOLERANCE_PREFIX + "p99",
                "0.2",
                SandboxSettings.GATE_STRICT,
                "true"));

    // THEN
    assertThat(settings.gateBaseline()).contains(Path.of("baselines/ci.json"));
    assertThat(settings.gateSaveBaseline()).contains(Path.of("target/new.json"));
    assertThat(settings.gateRule()).isEqualTo(new GateRule(0.05, 0.1, Map.of("p99", 0.2), true));
  }

  @Test
  void refusesToSaveOverTheBaselineItIsGatedAgainst() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        SandboxSettings.GATE_BASELINE, "baselines/ci.json",
                        SandboxSettings.GATE_SAVE_BASELINE, "baselines/../baselines/ci.json")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "junit.sandbox.gate.save-baseline and junit.sandbox.gate.baseline both name "
                + Path.of("baselines/ci.json").toAbsolutePath())
        .hasMessageContaining("a run never rewrites the baseline it is gated against")
        .hasMessageContaining("-Djunit.sandbox.gate.save-baseline=target/new-baseline.json");
  }

  @Test
  void refusesABaselineThatThisRunsReportWritesOver() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        SandboxSettings.REPORTS_DIR, "target/reports",
                        SandboxSettings.GATE_BASELINE, "target/reports/results.json")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "junit.sandbox.gate.baseline names "
                + Path.of("target/reports/results.json").toAbsolutePath()
                + ", the results.json this run's report writes over")
        .hasMessageContaining("Copy the earlier run's results.json out of the reports directory");
  }

  @Test
  void aMisspeltGateKeyIsUnknown() {
    assertThatThrownBy(() -> read(Map.of("junit.sandbox.gate.baseline-file", "x.json")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("Unknown configuration key 'junit.sandbox.gate.baseline-file'")
        .hasMessageContaining("did you mean 'junit.sandbox.gate.baseline'");
  }
}
