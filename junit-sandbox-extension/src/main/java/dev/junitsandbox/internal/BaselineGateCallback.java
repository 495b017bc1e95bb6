package dev.junitsandbox.internal;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.internal.gate.GateRun;
import dev.junitsandbox.internal.report.GateFile;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gates an invocation of a {@code @Runtimes} method against the stored baseline ({@code
 * junit.sandbox.gate.baseline}) when it ends: hands its measurements to the run's {@link GateRun},
 * and in the last round of the matrix writes the verdicts next to its {@code invocation.json} (for
 * the run report) and acts on them: a regression or a broken baseline fails the invocation, an
 * inconclusive verdict aborts it (fails it in strict mode). Does nothing without a baseline.
 */
record BaselineGateCallback() implements AfterTestExecutionCallback {

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Settings settings = RuntimesExtension.settings(context);
    // only the rounds of a method's own matrix are gated: a test method inside a class pass
    // (@Runtimes on the class) inherits this callback from its pass but has no rounds of its own
    if (settings.gateBaseline().isEmpty()
        || context
            .getTestMethod()
            .filter(method -> AnnotationSupport.isAnnotated(method, Runtimes.class))
            .isEmpty()) {
      return;
    }
    ReportingSandbox sandbox =
        context.getStore(RuntimesExtension.NAMESPACE).get(Sandbox.class, ReportingSandbox.class);
    if (sandbox == null) {
      return; // measured nothing
    }
    Path file = settings.gateBaseline().get();
    GateRun gate =
        context
            .getRoot()
            .getStore(RuntimesExtension.NAMESPACE)
            .computeIfAbsent(
                GateRun.class, key -> new GateRun(file, settings.gateRule()), GateRun.class);
    BaselineGate report =
        gate.finished(sandbox.report().invocation(), RunResources.of(context).environment());
    if (report == null) {
      return;
    }
    GateFile.write(sandbox.report().directory(), sandbox.report().runId(), report);
    for (BaselineGateFigure figure : report.figures()) {
      context.publishReportEntry(
          "gate " + figure.figure() + "@" + figure.runtime(),
          figure.verdict() + ": " + figure.message());
    }
    gate.act(report);
  }
}
