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
 * @param memoryBytes the machine's total memory ({@code MemTotal} of {@code /proc/meminfo}) in
 *     bytes, or 0 where it could not be read (and in files written before it was recorded). A gate
 *     compares it, with {@code cpuModel} and {@code cpus}, to tell whether a baseline comes from a
 *     comparable machine
 */
public record Environment(
    String kernel,
    String cpuModel,
    int cpus,
    String operatingSystem,
    String dockerVersion,
    String dockerApiVersion,
    String javaVersion,
    long memoryBytes) {

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
    if (memoryBytes < 0) {
      throw new IllegalArgumentException(
          "an environment's memory is 0 (unknown) or more bytes, but was " + memoryBytes);
    }
  }

  /** A machine whose memory is not known ({@code memoryBytes} 0). */
  public Environment(
      String kernel,
      String cpuModel,
      int cpus,
      String operatingSystem,
      String dockerVersion,
      String dockerApiVersion,
      String javaVersion) {
    this(kernel, cpuModel, cpus, operatingSystem, dockerVersion, dockerApiVersion, javaVersion, 0);
  }
}
