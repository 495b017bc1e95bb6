package dev.junitsandbox.internal;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Sets the Docker API version for Testcontainers at the start of a test run, before any test class
 * (or its static {@code @Container} fields) can create a Docker client. Registered through {@code
 * META-INF/services}; never fails the run: without a daemon it does nothing.
 */
public class DockerApiSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    DockerApiCompatibility.configure(DockerDaemon.query());
  }
}
