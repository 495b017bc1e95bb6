package dev.junitsandbox.probe;

/** Entry point to the built-in probes. */
public final class Probes {

  private Probes() {}

  /**
   * System call latency: {@code syscall("getpid")} or {@code syscall("stat")}, 10,000 calls by
   * default as in the published comparisons. See {@link SyscallProbe} for the method.
   *
   * @throws IllegalArgumentException if the system call is not one of {@link
   *     SyscallProbe#SUPPORTED_SYSCALLS}
   */
  public static SyscallProbe syscall(String name) {
    return SyscallProbe.of(name);
  }
}
