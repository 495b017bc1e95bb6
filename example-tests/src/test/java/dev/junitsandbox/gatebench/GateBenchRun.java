package dev.junitsandbox.gatebench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.junitsandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one class of the gate bench ({@link GateBenchSuite}, or the one named by the first argument,
 * e.g. {@code SideBySideSuite}, or one of its tests, {@code SideBySideSuite#startup}) once through
 * the JUnit Platform launcher, with the listeners and session listeners a build tool would find
 * (the run report, the gate), in a JVM of its own: a gate run as Surefire makes it, without Maven's
 * seconds of startup per run. The configuration comes from system properties ({@code
 * -Djunit.sandbox.gate.baseline=...}), as with {@code mvn verify -D...}. It exits 0 whatever the
 * verdicts: a regression fails an invocation, and the bench counts the verdicts in the run's {@code
 * results.json}.
 */
final class GateBenchRun {

  private GateBenchRun() {}

  public static void main(String[] args) throws ClassNotFoundException {
    String[] name = (args.length == 0 ? GateBenchSuite.class.getSimpleName() : args[0]).split("#");
    Class<?> suite = Class.forName(GateBenchRun.class.getPackageName() + "." + name[0]);
    DiscoverySelector selector =
        name.length == 1
            ? selectClass(suite)
            : selectMethod(suite, name[1], Sandbox.class.getName());
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    try (LauncherSession session = LauncherFactory.openSession()) {
      session
          .getLauncher()
          .execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(), summary);
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    summary.getSummary().printTo(out);
  }
}
