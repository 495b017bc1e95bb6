package dev.junitsandbox.report;

import java.util.Objects;

/**
 * The machine a run measured on, as written into every report.
 *
 * @param kernel the kernel release, e.g. {@code "6.1.0-18-amd64"}
 * @param cpuModel the CPU model from {@code /proc/cpuinfo}, or {@code "unknown"}
 * @param cpus logical CPUs the JVM sees
 * @param operatingSystem the daemon's operating system, or the JVM's when Docker is not reachable
 * @param dockerVersion the Docker Engine version, or {@code "unavailable"}
 * @param dockerApiVersion the API version the engine speaks, or {@code "unavailable"}
 * @param javaVersion the JVM's version
 */
public record Environment(
    String kernel,
    String cpuModel,
    int cpus,
    String operatingSystem,
    String dockerVersion,
    String dockerApiVersion,
    String javaVersion) {

  public Environment {
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(cpuModel, "cpuModel");
    Objects.requireNonNull(operatingSystem, "operatingSystem");
    Objects.requireNonNull(dockerVersion, "dockerVersion");
    Objects.requireNonNull(dockerApiVersion, "dockerApiVersion");
    Objects.requireNonNull(javaVersion, "javaVersion");
    if (cpus < 1) {
      throw new IllegalArgumentException("an environment has at least 1 CPU, but had " + cpus);
    }
  }
}
