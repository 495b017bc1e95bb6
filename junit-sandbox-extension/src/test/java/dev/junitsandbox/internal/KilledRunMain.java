package dev.junitsandbox.internal;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test JVM as Maven Surefire starts one: opens a launcher session (its listeners registered
 * through {@code META-INF/services}, as in a build) and runs one fixture class. For {@link
 * KilledRunTests}, which kills it with {@code -9}.
 */
final class KilledRunMain {

  private KilledRunMain() {}

  /** Arguments: the fixture class's name, the reports directory. */
  public static void main(String[] args) throws Exception {
    try (LauncherSession session = LauncherFactory.openSession()) {
      session
          .getLauncher()
          .execute(
              LauncherDiscoveryRequestBuilder.request()
                  .selectors(selectClass(Class.forName(args[0])))
                  .configurationParameter(SandboxSettings.REPORTS_DIR, args[1])
                  .configurationParameter(Fixture.ENGINE_RUN, "true")
                  .build());
    }
    System.out.println("[killed-run-main] done");
  }
}
