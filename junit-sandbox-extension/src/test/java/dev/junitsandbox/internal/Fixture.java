package dev.junitsandbox.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fixture class that only {@link EngineRuns} runs. The build's own test run skips it when a
 * pattern selects it ({@code -Dtest='dev.junitsandbox.internal.**'}): many fixtures fail on
 * purpose, and their {@code *Tests} class checks that they do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInEngineRuns.class)
@interface Fixture {

  /** Set by {@link EngineRuns} on the engine it runs fixtures in. */
  String ENGINE_RUN = "junit-sandbox-tests.engine-run";

  /** Enables a fixture only inside an {@link EngineRuns} run. */
  final class OnlyInEngineRuns implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ENGINE_RUN).isPresent()
          ? ConditionEvaluationResult.enabled("run by EngineRuns")
          : ConditionEvaluationResult.disabled(
              "a fixture: its *Tests class runs it through EngineRuns");
    }
  }
}
