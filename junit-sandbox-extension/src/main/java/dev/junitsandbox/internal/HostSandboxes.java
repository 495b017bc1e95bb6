package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.report.RuntimeDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@code HOST} baseline: a sandbox is a process tree of the JVM. Always available. */
final class HostSandboxes implements SandboxKind {

  private final Supplier<Path> probeBinary;
  private final Supplier<String> image;
  private final Supplier<RuntimeDescription> description;

  /**
   * @param probeBinary the host's probe binary, made on first use
   * @param image the probe image's tag, built on first use
   * @param description the host as the report describes it
   */
  HostSandboxes(
      Supplier<Path> probeBinary,
      Supplier<String> image,
      Supplier<RuntimeDescription> description) {
    this.probeBinary = probeBinary;
    this.image = image;
    this.description = description;
  }

  @Override
  public Optional<String> unavailableReason(RuntimeUnderTest runtime) {
    return Optional.empty();
  }

  @Override
  public RuntimeDescription describe(RuntimeUnderTest runtime) {
    return description.get();
  }

  @Override
  public HostProbeContext open(RuntimeUnderTest runtime) {
    return new HostProbeContext(probeBinary, image);
  }

  @Override
  public String reproduce(RuntimeUnderTest runtime, List<String> command) {
    return String.join(" ", command);
  }
}
