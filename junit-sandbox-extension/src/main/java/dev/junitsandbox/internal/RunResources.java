package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.report.InvocationReport;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RuntimeDescription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

  // io_uring_setup answers at once; the container's start is bounded by the daemon timeout
  private static final Duration CAPABILITY_PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final RunIdentity run;
  private final DockerDaemon daemon;
  private final Settings settings;
  private final CachedOnSuccess<String> probeImage;
  private final CachedOnSuccess<Path> hostBinary;
  private final KvmCheck kvm;
  // one description per runtime and run: it runs the runtime's binary (--version, flags)
  private final Map<RuntimeUnderTest, RuntimeDescription> descriptions = new ConcurrentHashMap<>();
  private final HostSandboxes hostSandboxes;
  private final DockerSandboxes dockerSandboxes;
  private final IncusSandboxes incusSandboxes;
  private Environment environment;

  private RunResources(RunIdentity run, DockerDaemon daemon, Settings settings, KvmCheck kvm) {
    this.run = run;
    this.daemon = daemon;
    this.settings = settings;
    this.kvm = kvm;
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
    this.hostSandboxes =
        new HostSandboxes(
            this::hostBinary,
            this::probeImage,
            () -> EnvironmentCapture.describe(RuntimeUnderTest.host(), daemon));
    this.dockerSandboxes =
        new DockerSandboxes(
            daemon, kvm, this::probeImage, settings.dockerTimeout(), this::describe);
    // the Incus image is checked against this version's probe sources, not a built Docker image:
    // Incus sandboxes need no Docker daemon
    this.incusSandboxes =
        new IncusSandboxes(
            new IncusClient(settings.incusSocket(), IncusClient.DEFAULT_LIMIT),
            ProbeImage.tag(),
            kvm);
  }

  /** The kind of sandbox {@code runtime} runs in. */
  SandboxKind kindOf(RuntimeUnderTest runtime) {
    if (runtime.isHost()) {
      return hostSandboxes;
    }
    return runtime.isIncus() ? incusSandboxes : dockerSandboxes;
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
              return new RunResources(
                  run, DockerDaemon.of(context), settings, KvmCheck.of(context));
            },
            RunResources.class);
  }

  /** The run's identity. */
  RunIdentity run() {
    return run;
  }

  /** Why {@code runtime} cannot run here, or empty if it can. */
  Optional<String> unavailableReason(RuntimeUnderTest runtime) {
    return kindOf(runtime).unavailableReason(runtime);
  }

  /** The run's check of this host's KVM. */
  KvmCheck kvm() {
    return kvm;
  }

  /** Whether the daemon runs on this machine, so that host checks speak for its containers. */
  boolean localDaemon() {
    return daemon.isLocal();
  }

  /** {@code runtime} as registered with the daemon: binary, version, platform, network mode. */
  RuntimeDescription describe(RuntimeUnderTest runtime) {
    return descriptions.computeIfAbsent(runtime, key -> kindOf(runtime).describe(runtime));
  }

  /**
   * The answer of {@code sandbox-probe iouring} under {@code runtime}: {@code "ok"} or the errno
   * name, from one short container of the probe image (on the host, the host's probe binary).
   *
   * @throws ProbeException if the probe could not run, with the command that reproduces it
   */
  String probeIoUring(RuntimeUnderTest runtime) {
    List<String> command;
    ExecResult result;
    try (SandboxContext sandbox = kindOf(runtime).open(runtime)) {
      command = List.of(sandbox.probeBinary(), "iouring");
      result = sandbox.exec(CAPABILITY_PROBE_TIMEOUT, command);
    }
    String answer = result.stdout().strip();
    if (!result.succeeded() || answer.isEmpty()) {
      throw new ProbeException(
          String.format(
              "Cannot tell whether runtime %s offers io_uring: %s exited with %d (stdout '%s',"
                  + " stderr '%s'). Reproduce with: %s",
              runtime,
              String.join(" ", command),
              result.exitCode(),
              answer,
              result.stderr().strip(),
              kindOf(runtime).reproduce(runtime, command)));
    }
    return answer.lines().findFirst().orElseThrow();
  }

  /** Opens the sandbox of one invocation; the caller closes it (through the store). */
  ReportingSandbox openSandbox(RuntimeUnderTest runtime, ExtensionContext invocation) {
    // the round of the enclosing invocation or class pass; a Sandbox outside a matrix has none
    CurrentRuntime current =
        CurrentRuntime.of(invocation)
            .orElseGet(() -> new CurrentRuntime(runtime, Optional.empty(), false));
    InvocationReport report =
        new InvocationReport(
            reportDirectory(invocation, runtime, current),
            run.runId(),
            invocationResult(invocation, describe(runtime))
                .inRound(current.round(), current.rounds()),
            environment());
    SandboxContext onHost = hostSandboxes.open(RuntimeUnderTest.host());
    if (runtime.isHost()) {
      return new ReportingSandbox(runtime, onHost, () -> onHost, report, invocation, onHost, this);
    }
    SandboxContext sandbox;
    try {
      sandbox = kindOf(runtime).open(runtime);
    } catch (RuntimeException e) {
      onHost.close();
      throw e;
    }
    AutoCloseable both =
        () -> {
          try (onHost) {
            sandbox.close();
          }
        };
    return new ReportingSandbox(runtime, sandbox, () -> onHost, report, invocation, both, this);
  }

  /** The run's settings. */
  Settings settings() {
    return settings;
  }

  /**
   * Runs {@code body} in a sandbox opened for it alone and closes that sandbox afterwards, also
   * when {@code body} fails: a new container of the probe image under {@code runtime} (Docker or
   * Incus), or a new host probe context (its own process tree and scratch directory). One trial of
   * a comparison.
   */
  <T> T inFreshSandbox(RuntimeUnderTest runtime, Function<ProbeContext, T> body) {
    try (SandboxContext sandbox = kindOf(runtime).open(runtime)) {
      return body.apply(sandbox);
    }
  }

  private Path reportDirectory(
      ExtensionContext invocation, RuntimeUnderTest runtime, CurrentRuntime current) {
    String testClass = invocation.getRequiredTestClass().getName();
    // a sandbox taken by @BeforeEachRuntime belongs to the whole class pass
    String method = invocation.getTestMethod().map(m -> m.getName()).orElse("class-pass");
    Path directory = settings.reportsDir().resolve(testClass).resolve(method).resolve(runtime.id());
    if (current.rounds() == 1) {
      return directory;
    }
    // each round its own folder, or a round's files would replace the previous round's; zero-padded
    // so that the folders sort in run order
    int width = String.valueOf(current.rounds()).length();
    return directory.resolve(String.format("round-%0" + width + "d", current.round()));
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
        null);
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
