package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.gate.GateRule;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * {@code junit.sandbox.gate.*}: the rule of the regression gate, read into one {@link GateRule}.
 */
class GateRuleSettingsTests {

  private static Settings read(Map<String, String> parameters) {
    Map<String, String> present = new HashMap<>();
    parameters.keySet().forEach(key -> present.put(key, "a configuration parameter"));
    return Settings.read(key -> Optional.ofNullable(parameters.get(key)), present);
  }

  @Test
  void defaultsToAlphaOnePercentToleranceFivePercentNotStrict() {
    assertThat(read(Map.of()).gateRule()).isEqualTo(GateRule.defaults());
  }

  @Test
  void readsEveryKeyIntoOneRule() {
    // WHEN
    GateRule rule =
        read(Map.of(
                SandboxSettings.GATE_ALPHA,
                "0.05",
                SandboxSettings.GATE_TOLERANCE,
                " 0.03 ",
                "junit.sandbox.gate.tolerance.p99",
                "0.10",
                "junit.sandbox.gate.tolerance.requestsPerSecond",
                ".2",
                SandboxSettings.GATE_STRICT,
                "true"))
            .gateRule();

    // THEN
    assertThat(rule)
        .isEqualTo(new GateRule(0.05, 0.03, Map.of("p99", 0.10, "requestsPerSecond", 0.2), true));
    assertThat(rule.toleranceOf("p99")).isEqualTo(0.10);
    assertThat(rule.toleranceOf("p50")).isEqualTo(0.03);
  }

  @Test
  void rejectsABadAlphaNamingTheKeyTheValueTheRuleAndTheFix() {
    for (String invalid : new String[] {"0", "0.6", "1%", "-0.01", "abc", ""}) {
      assertThatThrownBy(() -> read(Map.of(SandboxSettings.GATE_ALPHA, invalid)))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessage(
              "Configuration error: junit.sandbox.gate.alpha must be a significance level above 0"
                  + " and at most 0.5, written as a decimal fraction, but was '"
                  + invalid.strip()
                  + "'. Set it in junit-platform.properties or pass"
                  + " -Djunit.sandbox.gate.alpha=0.01");
    }
  }

  @Test
  void rejectsABadToleranceAlsoOfAFigure() {
    for (String invalid : new String[] {"1", "5%", "0", "1.5"}) {
      assertThatThrownBy(() -> read(Map.of(SandboxSettings.GATE_TOLERANCE, invalid)))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining(
              "junit.sandbox.gate.tolerance must be a relative change above 0 and below 1 (0.05"
                  + " is plus or minus 5%), written as a decimal fraction, but was '"
                  + invalid
                  + "'")
          .hasMessageEndingWith("-Djunit.sandbox.gate.tolerance=0.05");
    }
    assertThatThrownBy(() -> read(Map.of("junit.sandbox.gate.tolerance.p99", "10")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "junit.sandbox.gate.tolerance.p99 must be the relative change figure 'p99' tolerates,"
                + " above 0 and below 1 (0.10 is plus or minus 10%), written as a decimal"
                + " fraction, but was '10'");
  }

  @Test
  void rejectsAStrictThatIsNotABoolean() {
    assertThatThrownBy(() -> read(Map.of(SandboxSettings.GATE_STRICT, "yes")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("junit.sandbox.gate.strict must be 'true' or 'false', but was 'yes'");
  }

  @Test
  void knowsAFiguresToleranceKeyButNotThePrefixAloneNorAMisspeltKey() {
    // a figure's own key is known
    read(Map.of("junit.sandbox.gate.tolerance.p99", "0.1"));

    assertThatThrownBy(() -> read(Map.of("junit.sandbox.gate.tolerance.", "0.1")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "'junit.sandbox.gate.tolerance.' (set as a configuration parameter): a figure's own"
                + " tolerance names the figure after the prefix, e.g."
                + " junit.sandbox.gate.tolerance.p99=0.10");
    assertThatThrownBy(() -> read(Map.of("junit.sandbox.gate.aplha", "0.05")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("did you mean 'junit.sandbox.gate.alpha'?");
  }
}
