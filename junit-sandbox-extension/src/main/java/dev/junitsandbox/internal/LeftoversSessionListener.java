package dev.junitsandbox.internal;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Removes what killed earlier runs left behind ({@link Leftovers}) when a test run starts, before
 * any test can start containers or host processes, and says what it removed. Registered through
 * {@code META-INF/services}; never fails the run.
 */
public class LeftoversSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    Leftovers.sweepAndReport(System.out);
  }
}
