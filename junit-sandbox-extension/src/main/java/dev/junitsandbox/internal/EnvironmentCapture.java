package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.RuntimeDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads the facts about the machine and its runtimes that every report carries. */
final class EnvironmentCapture {

  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  private EnvironmentCapture() {}

  static Environment environment(DockerDaemon daemon) {
    return new Environment(
        known(daemon.reachable() ? daemon.kernelVersion() : System.getProperty("os.version")),
        cpuModel(),
        Runtime.getRuntime().availableProcessors(),
        known(
            daemon.reachable()
                ? daemon.operatingSystem()
                : System.getProperty("os.name") + " " + System.getProperty("os.version")),
        daemon.reachable() ? known(daemon.serverVersion()) : "unavailable",
        daemon.reachable() ? known(daemon.apiVersion()) : "unavailable",
        known(System.getProperty("java.version")));
  }

  // the report's records refuse null: a fact nobody could read is "unknown"
  private static String known(String value) {
    return value == null ? "unknown" : value;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static RuntimeDescription describe(RuntimeUnderTest runtime, DockerDaemon daemon) {
    if (runtime.isHost()) {
      return new RuntimeDescription(runtime.id(), null, null, List.of(), "host");
    }
    String dockerName = runtime.dockerName().orElseThrow();
    DockerDaemon.RegisteredRuntime registered = daemon.runtimes().get(dockerName);
    if (registered == null) {
      return new RuntimeDescription(runtime.id(), dockerName, null, List.of(), "unknown");
    }
    return new RuntimeDescription(
        runtime.id(),
        dockerName,
        registered.path(),
        registered.runtimeArgs(),
        version(registered.path(), daemon));
  }

  /** First line of {@code <path> --version}, when the daemon runs on this machine. */
  private static String version(String path, DockerDaemon daemon) {
    if (path == null || !daemon.endpoint().startsWith("unix://")) {
      return "unknown";
    }
    try {
      ExecResult result = HostProbeContext.run(VERSION_TIMEOUT, List.of(path, "--version"));
      return result.succeeded()
          ? result
              .stdout()
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .findFirst()
              .orElse("unknown")
          : "unknown";
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
