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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the facts about the machine and its runtimes that every report carries. */
final class EnvironmentCapture {

  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern DEFAULT_VALUE = Pattern.compile("\\(default \"([^\"]+)\"\\)");

  /** The platform of runtimes that run the sandbox's code on the host kernel directly. */
  static final String NATIVE = "native";

  static final String HOST_NETWORK = "host";
  static final String CONTAINER_NETWORK = "container";
  static final String GVISOR_DEFAULT_NETWORK = "sandbox";

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
        known(System.getProperty("java.version")),
        memoryBytes(Path.of("/proc/meminfo")));
  }

  /**
   * {@code MemTotal} of {@code meminfo} (a file in the format of {@code /proc/meminfo}) in bytes,
   * or 0 where it cannot be read: the size of the machine, which a gate's baseline must share.
   */
  static long memoryBytes(Path meminfo) {
    try {
      return Files.readAllLines(meminfo).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> line.substring("MemTotal:".length()).strip())
          .filter(value -> value.matches("[0-9]{1,15} kB"))
          .map(value -> Long.parseLong(value.substring(0, value.length() - 3)) * 1024)
          .findFirst()
          .orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
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
      return new RuntimeDescription(
          runtime.id(), null, null, List.of(), "host", NATIVE, HOST_NETWORK);
    }
    String dockerName = runtime.dockerName().orElseThrow();
    DockerDaemon.RegisteredRuntime registered = daemon.runtimes().get(dockerName);
    if (registered == null) {
      return new RuntimeDescription(
          runtime.id(), dockerName, null, List.of(), "unknown", null, null);
    }
    String version = version(registered.path(), daemon);
    List<String> args = registered.runtimeArgs();
    String platform = null;
    String networkMode = null;
    switch (kind(version, registered.path())) {
      case GVISOR -> {
        platform =
            flagValue(args, "platform")
                .orElseGet(() -> defaultPlatform(registered.path(), daemon).orElse(null));
        networkMode = flagValue(args, "network").orElse(GVISOR_DEFAULT_NETWORK);
      }
      case OCI_NATIVE -> {
        platform = NATIVE;
        networkMode = CONTAINER_NETWORK;
      }
      case OTHER -> {
        // Kata and runtimes junit-sandbox does not know: left out rather than guessed
      }
    }
    return new RuntimeDescription(
        runtime.id(), dockerName, registered.path(), args, version, platform, networkMode);
  }

  /** What kind of runtime a binary is, for describing its platform and network. */
  enum Kind {
    GVISOR,
    OCI_NATIVE,
    OTHER
  }

  /**
   * By what the binary says of itself ("runsc version ...", "runc version ...", "crun version
   * ..."); when it could not be asked (a remote daemon), by the binary's file name.
   */
  static Kind kind(String version, String path) {
    String name =
        version.equals("unknown") && path != null
            ? Path.of(path).getFileName().toString()
            : version;
    if (name.startsWith("runsc")) {
      return Kind.GVISOR;
    }
    if (name.startsWith("runc") || name.startsWith("crun")) {
      return Kind.OCI_NATIVE;
    }
    return Kind.OTHER;
  }

  /**
   * The value of {@code --name=value} (or {@code -name=value}, {@code --name value}) among {@code
   * args}, as runsc reads its flags; the last one wins, as in Go's flag package.
   */
  static Optional<String> flagValue(List<String> args, String name) {
    String value = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      for (String prefix : List.of("--" + name, "-" + name)) {
        if (arg.startsWith(prefix + "=")) {
          value = arg.substring(prefix.length() + 1);
        } else if (arg.equals(prefix) && i + 1 < args.size()) {
          value = args.get(i + 1);
        }
      }
    }
    return Optional.ofNullable(value);
  }

  /** The platform a gVisor build uses by default, from {@code <path> flags}. */
  private static Optional<String> defaultPlatform(String path, DockerDaemon daemon) {
    if (path == null || !daemon.isLocal()) {
      return Optional.empty();
    }
    try {
      ExecResult result = HostProbeContext.run(VERSION_TIMEOUT, List.of(path, "flags"));
      // runsc prints its flags on stdout or stderr depending on the build
      return result.succeeded()
          ? defaultPlatform(result.stdout() + "\n" + result.stderr())
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The default of {@code -platform} in the output of {@code runsc flags}: the {@code (default
   * "...")} in the lines of that flag, e.g. {@code "systrap"}.
   */
  static Optional<String> defaultPlatform(String flagsOutput) {
    List<String> lines = flagsOutput.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().startsWith("-platform ")) {
        continue;
      }
      // the flag's line and its description, up to the next flag
      for (int j = i; j < lines.size() && (j == i || !lines.get(j).strip().startsWith("-")); j++) {
        Matcher matcher = DEFAULT_VALUE.matcher(lines.get(j));
        if (matcher.find()) {
          return Optional.of(matcher.group(1));
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** First line of {@code <path> --version}, when the daemon runs on this machine. */
  private static String version(String path, DockerDaemon daemon) {
    if (path == null || !daemon.isLocal()) {
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
