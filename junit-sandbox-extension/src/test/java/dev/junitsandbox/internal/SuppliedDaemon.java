package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The daemon's answer as a test supplies it, so that the matrix logic (runtime lists, skips, strict
 * mode, conditions, class passes) runs without Docker. {@link EngineRuns} passes it to the engine
 * as configuration parameters; {@link Extension}, autodetected in those runs only, turns them into
 * a {@link DockerDaemon} in the root store before any {@code @Runtimes} provider asks for one.
 *
 * <p>It can also supply what a run would otherwise find out on this machine: the runtimes'
 * arguments, the answers of the io_uring probe (so that {@code @RequiresCapability(IO_URING)} is
 * decided without containers), and the files the KVM check reads.
 *
 * @param runtimes the Docker runtime names the daemon has registered
 * @param runtimeArgs the runtime arguments of some of them, by name
 * @param error why the daemon cannot be reached, or {@code null} for a reachable one
 * @param ioUring the io_uring probe's answer ({@code "ok"} or an errno name) by runtime id; empty:
 *     probed for real
 * @param kvm the {@code /proc/cpuinfo} and {@code /dev/kvm} stand-ins the KVM check reads; empty:
 *     this host's
 * @param endpoint where the daemon says it is: {@link #ENDPOINT}, on this machine, or {@link
 *     #REMOTE_ENDPOINT}
 */
record SuppliedDaemon(
    List<String> runtimes,
    Map<String, List<String>> runtimeArgs,
    String error,
    Map<String, String> ioUring,
    List<Path> kvm,
    String endpoint) {

  /** The endpoint a supplied daemon reports, so a message shows where its answer came from. */
  static final String ENDPOINT = "unix:///supplied-by-the-test.sock";

  /** The endpoint of a supplied daemon on another machine. */
  static final String REMOTE_ENDPOINT = "tcp://supplied-by-the-test.example:2376";

  private static final String ENDPOINT_KEY = "junit-sandbox-tests.daemon.endpoint";

  private static final String RUNTIMES = "junit-sandbox-tests.daemon.runtimes";
  private static final String ERROR = "junit-sandbox-tests.daemon.error";
  private static final String ARGS_PREFIX = "junit-sandbox-tests.daemon.args.";
  private static final String IO_URING = "junit-sandbox-tests.iouring";
  private static final String KVM = "junit-sandbox-tests.kvm";

  SuppliedDaemon {
    runtimes = List.copyOf(runtimes);
    runtimeArgs = Map.copyOf(runtimeArgs);
    ioUring = Map.copyOf(ioUring);
    kvm = List.copyOf(kvm);
  }

  /** A reachable daemon with these runtimes registered (each run by the binary of its name). */
  static SuppliedDaemon registering(String... runtimes) {
    return new SuppliedDaemon(
        Arrays.asList(runtimes), Map.of(), null, Map.of(), List.of(), ENDPOINT);
  }

  /** A daemon that cannot be reached, for {@code why}. */
  static SuppliedDaemon unreachable(String why) {
    return new SuppliedDaemon(List.of(), Map.of(), why, Map.of(), List.of(), ENDPOINT);
  }

  /** The same daemon, passing {@code args} to runtime {@code name} (one of {@link #runtimes}). */
  SuppliedDaemon withRuntimeArgs(String name, String... args) {
    Map<String, List<String>> all = new LinkedHashMap<>(runtimeArgs);
    all.put(name, List.of(args));
    return new SuppliedDaemon(runtimes, all, error, ioUring, kvm, endpoint);
  }

  /** The same daemon, with the io_uring probe answering {@code answer} under runtime {@code id}. */
  SuppliedDaemon withIoUring(String id, String answer) {
    Map<String, String> all = new LinkedHashMap<>(ioUring);
    all.put(id, answer);
    return new SuppliedDaemon(runtimes, runtimeArgs, error, all, kvm, endpoint);
  }

  /** The same daemon, with the KVM check reading {@code cpuinfo} and {@code device}. */
  SuppliedDaemon withKvm(Path cpuinfo, Path device) {
    return new SuppliedDaemon(
        runtimes, runtimeArgs, error, ioUring, List.of(cpuinfo, device), endpoint);
  }

  /** The same daemon, on another machine ({@link #REMOTE_ENDPOINT}). */
  SuppliedDaemon onAnotherMachine() {
    return new SuppliedDaemon(runtimes, runtimeArgs, error, ioUring, kvm, REMOTE_ENDPOINT);
  }

  /** The engine configuration that makes a run see this daemon. */
  Map<String, String> configuration() {
    Map<String, String> configuration = new LinkedHashMap<>();
    // autodetection is off by default, so the outer test run never loads the extension
    configuration.put("junit.jupiter.extensions.autodetection.enabled", "true");
    configuration.put("junit.jupiter.extensions.autodetection.include", Extension.class.getName());
    configuration.put(RUNTIMES, String.join(",", runtimes));
    configuration.put(ENDPOINT_KEY, endpoint);
    if (error != null) {
      configuration.put(ERROR, error);
    }
    // runtime arguments in tests have no spaces
    runtimeArgs.forEach(
        (name, args) -> configuration.put(ARGS_PREFIX + name, String.join(" ", args)));
    if (!ioUring.isEmpty()) {
      configuration.put(
          IO_URING,
          ioUring.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(",")));
    }
    if (!kvm.isEmpty()) {
      configuration.put(KVM, kvm.get(0) + File.pathSeparator + kvm.get(1));
    }
    return configuration;
  }

  DockerDaemon toDaemon() {
    if (error != null) {
      return DockerDaemon.unreachable(endpoint, error);
    }
    return new DockerDaemon(
        endpoint,
        null,
        "20.10.24+supplied",
        "1.41",
        "supplied kernel",
        "supplied OS",
        runtimes.stream()
            .collect(
                Collectors.toMap(
                    name -> name,
                    name ->
                        new DockerDaemon.RegisteredRuntime(
                            name, runtimeArgs.getOrDefault(name, List.of())))));
  }

  private static Optional<SuppliedDaemon> from(ExtensionContext context) {
    return context
        .getConfigurationParameter(RUNTIMES)
        .map(
            names -> {
              List<String> runtimes =
                  Arrays.stream(names.split(",")).filter(n -> !n.isBlank()).toList();
              Map<String, List<String>> args = new LinkedHashMap<>();
              for (String name : runtimes) {
                context
                    .getConfigurationParameter(ARGS_PREFIX + name)
                    .ifPresent(value -> args.put(name, List.of(value.split(" "))));
              }
              Map<String, String> ioUring = new LinkedHashMap<>();
              context
                  .getConfigurationParameter(IO_URING)
                  .ifPresent(
                      value -> {
                        for (String pair : value.split(",")) {
                          ioUring.put(
                              pair.substring(0, pair.indexOf('=')),
                              pair.substring(pair.indexOf('=') + 1));
                        }
                      });
              List<Path> kvm =
                  context
                      .getConfigurationParameter(KVM)
                      .map(value -> Arrays.stream(value.split(File.pathSeparator)).map(Path::of))
                      .map(Stream::toList)
                      .orElse(List.of());
              return new SuppliedDaemon(
                  runtimes,
                  args,
                  context.getConfigurationParameter(ERROR).orElse(null),
                  ioUring,
                  kvm,
                  context.getConfigurationParameter(ENDPOINT_KEY).orElse(ENDPOINT));
            });
  }

  /** The io_uring probe's supplied answer under {@code runtime}; a runtime without one fails. */
  private String ioUringAnswer(RuntimeUnderTest runtime) {
    String answer = ioUring.get(runtime.id());
    if (answer == null) {
      throw new IllegalStateException(
          "the test supplied no io_uring answer for " + runtime.id() + ", only for " + ioUring);
    }
    return answer;
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
              supplied -> {
                ExtensionContext.Store store =
                    context.getRoot().getStore(RuntimesExtension.NAMESPACE);
                DockerDaemon daemon =
                    store.computeIfAbsent(
                        DockerDaemon.class, key -> supplied.toDaemon(), DockerDaemon.class);
                if (!supplied.kvm().isEmpty()) {
                  store.computeIfAbsent(
                      KvmCheck.class,
                      key -> KvmCheck.check(supplied.kvm().get(0), supplied.kvm().get(1)),
                      KvmCheck.class);
                }
                if (!supplied.ioUring().isEmpty()) {
                  store.computeIfAbsent(
                      CapabilityCheck.class,
                      key ->
                          new CapabilityCheck(
                              supplied::ioUringAnswer, KvmCheck.of(context), daemon.isLocal()),
                      CapabilityCheck.class);
                }
              });
    }
  }
}
