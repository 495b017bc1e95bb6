package dev.junitsandbox.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The daemon's answer as a test supplies it, so that the matrix logic (runtime lists, skips, strict
 * mode, conditions, class passes) runs without Docker. {@link EngineRuns} passes it to the engine
 * as configuration parameters; {@link Extension}, autodetected in those runs only, turns them into
 * a {@link DockerDaemon} in the root store before any {@code @Runtimes} provider asks for one.
 *
 * @param runtimes the Docker runtime names the daemon has registered
 * @param error why the daemon cannot be reached, or {@code null} for a reachable one
 */
record SuppliedDaemon(List<String> runtimes, String error) {

  /** The endpoint a supplied daemon reports, so a message shows where its answer came from. */
  static final String ENDPOINT = "unix:///supplied-by-the-test.sock";

  private static final String RUNTIMES = "junit-sandbox-tests.daemon.runtimes";
  private static final String ERROR = "junit-sandbox-tests.daemon.error";

  SuppliedDaemon {
    runtimes = List.copyOf(runtimes);
  }

  /** A reachable daemon with these runtimes registered (each run by the binary of its name). */
  static SuppliedDaemon registering(String... runtimes) {
    return new SuppliedDaemon(Arrays.asList(runtimes), null);
  }

  /** A daemon that cannot be reached, for {@code why}. */
  static SuppliedDaemon unreachable(String why) {
    return new SuppliedDaemon(List.of(), why);
  }

  /** The engine configuration that makes a run see this daemon. */
  Map<String, String> configuration() {
    Map<String, String> configuration = new LinkedHashMap<>();
    // autodetection is off by default, so the outer test run never loads the extension
    configuration.put("junit.jupiter.extensions.autodetection.enabled", "true");
    configuration.put("junit.jupiter.extensions.autodetection.include", Extension.class.getName());
    configuration.put(RUNTIMES, String.join(",", runtimes));
    if (error != null) {
      configuration.put(ERROR, error);
    }
    return configuration;
  }

  DockerDaemon toDaemon() {
    if (error != null) {
      return DockerDaemon.unreachable(ENDPOINT, error);
    }
    return new DockerDaemon(
        ENDPOINT,
        null,
        "20.10.24+supplied",
        "1.41",
        "supplied kernel",
        "supplied OS",
        runtimes.stream()
            .collect(
                Collectors.toMap(
                    name -> name, name -> new DockerDaemon.RegisteredRuntime(name, List.of()))));
  }

  private static Optional<SuppliedDaemon> from(ExtensionContext context) {
    return context
        .getConfigurationParameter(RUNTIMES)
        .map(
            names ->
                new SuppliedDaemon(
                    Arrays.stream(names.split(",")).filter(n -> !n.isBlank()).toList(),
                    context.getConfigurationParameter(ERROR).orElse(null)));
  }

  /**
   * Puts the supplied answer where {@link DockerDaemon#of} looks first. Class-level {@code
   * beforeAll} callbacks run before a class template's or test template's invocations are provided,
   * so no provider reaches the live daemon.
   */
  public static final class Extension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
      from(context)
          .ifPresent(
              supplied ->
                  context
                      .getRoot()
                      .getStore(RuntimesExtension.NAMESPACE)
                      .computeIfAbsent(
                          DockerDaemon.class, key -> supplied.toDaemon(), DockerDaemon.class));
    }
  }
}
