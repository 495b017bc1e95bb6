package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.report.InvocationReport;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RuntimeDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What all invocations of a run share: the run's identity, the daemon's answer, the environment,
 * the probe image and its host binary. One instance lives in the root store; everything is computed
 * on first use, once.
 *
 * <p>Creating it begins the run ({@link RunIdentity#begin()}) and publishes the run id as a report
 * entry {@value #RUN_ENTRY} of the engine, which is how {@link RunReportListener} learns which
 * {@code invocation.json} files are this run's.
 */
final class RunResources {

  /** The key of the report entry that announces a run's id. */
  static final String RUN_ENTRY = "junit-sandbox.run";

  private final RunIdentity run;
  private final DockerDaemon daemon;
  private final Settings settings;
  private final CachedOnSuccess<String> probeImage;
  private final CachedOnSuccess<Path> hostBinary;
  private Environment environment;

  private RunResources(RunIdentity run, DockerDaemon daemon, Settings settings) {
    this.run = run;
    this.daemon = daemon;
    this.settings = settings;
    this.probeImage =
        new CachedOnSuccess<>(
            "the probe image",
            () -> {
              TestcontainersPreflight.check(daemon);
              return ProbeImage.ensureAvailable();
            });
    // without Docker: built with the host's compiler; the image is only a fallback
    this.hostBinary =
        new CachedOnSuccess<>(
            "the HOST probe binary",
            () -> HostProbeBinary.forThisUser(daemon, this::probeImage).resolve());
  }

  static RunResources of(ExtensionContext context) {
    Settings settings = RuntimesExtension.settings(context);
    return context
        .getRoot()
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(
            RunResources.class,
            key -> {
              RunIdentity run = RunIdentity.begin();
              context.getRoot().publishReportEntry(RUN_ENTRY, run.runId());
              return new RunResources(run, DockerDaemon.of(context), settings);
            },
            RunResources.class);
  }

  /** The run's identity. */
  RunIdentity run() {
    return run;
  }

  /** Why {@code runtime} cannot run here, or empty if it can. */
  Optional<String> unavailableReason(RuntimeUnderTest runtime) {
    if (runtime.isHost()) {
      return Optional.empty();
    }
    String dockerName = runtime.dockerName().orElseThrow();
    if (!daemon.reachable()) {
      return Optional.of(
          String.format("Runtime %s needs Docker, but %s.", runtime, daemon.unreachableWithFix()));
    }
    if (daemon.runtimes().containsKey(dockerName)) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "Runtime %s is not registered with the Docker daemon at %s (it has: %s). Register"
                + " '%s' under \"runtimes\" in /etc/docker/daemon.json and reload dockerd (see the"
                + " README, \"Registering runtimes\"), or map this runtime to a registered name"
                + " with %s<id>%s.",
            runtime,
            daemon.endpoint(),
            String.join(", ", daemon.runtimeNames()),
            dockerName,
            SandboxSettings.RUNTIME_DOCKER_NAME_PREFIX,
            SandboxSettings.RUNTIME_DOCKER_NAME_SUFFIX));
  }

  /** Opens the sandbox of one invocation; the caller closes it (through the store). */
  ReportingSandbox openSandbox(RuntimeUnderTest runtime, ExtensionContext invocation) {
    InvocationReport report =
        new InvocationReport(
            reportDirectory(invocation, runtime),
            run.runId(),
            invocationResult(invocation, EnvironmentCapture.describe(runtime, daemon)),
            environment());
    HostProbeContext onHost = new HostProbeContext(this::hostBinary, this::probeImage);
    if (runtime.isHost()) {
      return new ReportingSandbox(runtime, onHost, () -> onHost, report, invocation, onHost, this);
    }
    ContainerProbeContext container =
        ContainerProbeContext.start(runtime, probeImage(), settings.dockerTimeout());
    AutoCloseable both =
        () -> {
          try (onHost) {
            container.close();
          }
        };
    return new ReportingSandbox(runtime, container, () -> onHost, report, invocation, both, this);
  }

  /** The run's settings. */
  Settings settings() {
    return settings;
  }

  /**
   * Runs {@code body} in a sandbox opened for it alone and closes that sandbox afterwards, also
   * when {@code body} fails: a new container of the probe image under {@code runtime}, or a new
   * host probe context (its own process tree and scratch directory). One trial of a comparison.
   */
  <T> T inFreshSandbox(RuntimeUnderTest runtime, Function<ProbeContext, T> body) {
    if (runtime.isHost()) {
      try (HostProbeContext host = new HostProbeContext(this::hostBinary, this::probeImage)) {
        return body.apply(host);
      }
    }
    try (ContainerProbeContext container =
        ContainerProbeContext.start(runtime, probeImage(), settings.dockerTimeout())) {
      return body.apply(container);
    }
  }

  private Path reportDirectory(ExtensionContext invocation, RuntimeUnderTest runtime) {
    String testClass = invocation.getRequiredTestClass().getName();
    // a sandbox taken by @BeforeEachRuntime belongs to the whole class pass
    String method = invocation.getTestMethod().map(m -> m.getName()).orElse("class-pass");
    return settings.reportsDir().resolve(testClass).resolve(method).resolve(runtime.id());
  }

  private static InvocationResult invocationResult(
      ExtensionContext invocation, RuntimeDescription runtime) {
    return new InvocationResult(
        invocation.getRequiredTestClass().getName(),
        invocation.getTestMethod().map(m -> m.getName()).orElse(null),
        invocation.getDisplayName(),
        invocation.getUniqueId(),
        runtime,
        null,
        "",
        List.of(),
        null,
        List.of());
  }

  synchronized Environment environment() {
    if (environment == null) {
      environment = EnvironmentCapture.environment(daemon);
    }
    return environment;
  }

  /**
   * The probe image's tag; the first call checks Testcontainers' needs and builds the image. A
   * failure is tried again by the next caller (see {@link CachedOnSuccess}).
   */
  String probeImage() {
    return probeImage.get();
  }

  /**
   * The HOST baseline's probe binary, made on first use; needs no Docker if there is a compiler.
   */
  Path hostBinary() {
    return hostBinary.get();
  }
}
