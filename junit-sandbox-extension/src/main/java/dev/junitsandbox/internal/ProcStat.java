package dev.junitsandbox.internal;

import dev.junitsandbox.internal.host.HostProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What {@code /proc/<pid>/stat} says about a process that the leftover sweep needs. */
final class ProcStat {

  private ProcStat() {}

  /**
   * The start time of process {@code pid} in clock ticks after boot (field 22), or empty if there
   * is no such process. With the pid it identifies a process: a reused pid has another start time.
   */
  static Optional<Long> startTicks(long pid) {
    return field(pid, 22).map(Long::parseLong);
  }

  /** Field {@code number} (counting from 1, as {@code man proc} does) of the process's stat. */
  static Optional<String> field(long pid, int number) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException ended) {
      return Optional.empty();
    }
    return HostProcesses.statField(stat, number);
  }
}
