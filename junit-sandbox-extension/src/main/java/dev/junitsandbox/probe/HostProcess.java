package dev.junitsandbox.probe;

import java.util.List;
import java.util.Objects;

/**
 * A process on the host that belongs to a sandbox, as {@link LaunchedSandbox#hostProcesses()} finds
 * it: under runc the containerd shim and the container's process, under gVisor also {@code
 * runsc-gofer}, {@code runsc-sandbox} (the Sentry) and its stubs, under Kata the virtual machine,
 * under Incus ({@code INCUS}) the LXC monitor ({@code lxc-monitor}) with the container's init, and
 * the {@code incusd-forkexec} helper with the launched command.
 *
 * @param pid its process id in the host's PID namespace, at least 1
 * @param name what it runs, for breakdowns: the file name of its program ({@code runsc-sandbox},
 *     {@code containerd-shim-runc-v2}), or the kernel's short name ({@code comm}) for processes
 *     without a command line, such as gVisor's ptrace stubs ({@code exe}); never blank
 * @param commandLine its arguments, the program first; empty for processes that never called exec
 */
public record HostProcess(long pid, String name, List<String> commandLine) {

  public HostProcess {
    if (pid < 1) {
      throw new IllegalArgumentException("pid must be at least 1, but was " + pid);
    }
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank (process " + pid + ")");
    }
    commandLine = List.copyOf(commandLine);
  }
}
