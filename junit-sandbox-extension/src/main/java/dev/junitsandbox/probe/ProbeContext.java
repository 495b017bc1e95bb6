package dev.junitsandbox.probe;

import dev.junitsandbox.RuntimeUnderTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Probe} can do in the sandbox it runs in: run commands there, start servers there,
 * run clients on the host against them or servers on the host for clients in the sandbox, keep
 * files on the host, launch further sandboxes of the same runtime and time them, and find a
 * sandbox's processes on the host and read their memory. The built-in probes use nothing else.
 *
 * <p>On {@link dev.junitsandbox.ContainerRuntime#HOST} the "sandbox" is the host itself: commands
 * are child processes of the JVM, both addresses are the loopback address, and a launched "sandbox"
 * is a child process.
 *
 * <p>A context belongs to one sandbox of one test invocation and is valid while the probe runs.
 * Everything a probe started through it (background commands in the sandbox and on the host,
 * launched sandboxes, the host scratch directory) is stopped and removed when that sandbox closes,
 * also when the probe fails; closing it earlier is the probe's choice. Methods may be called from
 * several threads.
 */
public interface ProbeContext {

  /** The runtime the probe runs on. */
  RuntimeUnderTest runtime();

  /**
   * Whose network stack serves this sandbox, as its runtime is registered with the daemon; network
   * and HTTP figures depend on it, so the built-in network probes note it. The values are those of
   * the report's {@link dev.junitsandbox.report.RuntimeDescription#networkMode()}:
   *
   * <ul>
   *   <li>{@code "host"}: the {@code HOST} baseline (the host's own network), or gVisor registered
   *       with {@code --network=host} (the host kernel's stack in the container's namespace;
   *       gVisor's own network stack is not in the path);
   *   <li>{@code "sandbox"}: gVisor's own network stack (runsc's default);
   *   <li>{@code "none"}: gVisor with {@code --network=none}, no network;
   *   <li>{@code "container"}: runc, crun: the host kernel's stack in Docker's network namespace
   *       for the container;
   *   <li>{@code "bridge"}: {@code INCUS}: the host kernel's stack in the system container's own
   *       network namespace, on Incus's managed bridge (its address there is {@link
   *       #sandboxAddress()}, the bridge's is {@link #hostAddress()});
   *   <li>{@code "unknown"}: any other runtime, or one whose binary could not be asked.
   * </ul>
   *
   * @return one of the values above, never null
   */
  default String networkMode() {
    return runtime().isHost() ? "host" : "unknown";
  }

  /** Path of the {@code sandbox-probe} binary, valid for commands passed to {@link #exec}. */
  String probeBinary();

  /**
   * The probe image's tag: the image the sandbox runs, with the workload tools (fio, sysbench,
   * iperf3, nginx, MariaDB) from Debian's packages; {@link #launch} starts it. For messages and for
   * commands a person runs by hand.
   */
  String image();

  /**
   * Runs a command to completion in the sandbox ({@code docker exec} in a container, a child
   * process on the host) and returns its exit code and output.
   *
   * @throws ProbeException if it does not finish within {@code timeout} (it is then killed on the
   *     host; in a container it ends with the container)
   */
  ExecResult exec(Duration timeout, List<String> command);

  /**
   * Starts a long-running command (a server) in the sandbox and returns at once; closing the handle
   * stops it. Everything still running is stopped when the sandbox closes.
   */
  BackgroundCommand start(List<String> command);

  /**
   * Runs a command on the host, whatever the sandbox: the client side of a measurement (wrk,
   * sysbench against a database, an iperf3 server the sandbox connects to).
   *
   * @throws ProbeException if it does not finish within {@code timeout}; it is then killed
   */
  ExecResult execOnHost(Duration timeout, List<String> command);

  /**
   * Starts a long-running command on the host, whatever the sandbox, and returns at once: the
   * server side of a measurement whose client runs in the sandbox (an iperf3 server the sandbox
   * connects to at {@link #hostAddress()}). Bind it to {@link #hostAddress()} and wait for it with
   * {@link HostBackgroundCommand#awaitListening}; closing the handle stops it with everything it
   * forked. Everything still running is stopped when the sandbox closes.
   *
   * @param command the program and its arguments, not run through a shell
   * @throws IllegalArgumentException if {@code command} is empty
   * @throws ProbeException if it cannot be started (e.g. the program is not installed on the host)
   */
  HostBackgroundCommand startOnHost(List<String> command);

  /**
   * A directory on the host for the probe's files there (a script for a client on the host, a
   * server's configuration), made on first use: owner-only, empty then, the same directory for
   * every call on this context, and removed with its content when the sandbox closes (or, if the
   * JVM is killed, by the next run). On {@link dev.junitsandbox.ContainerRuntime#HOST} it is the
   * {@link #scratchDirectory()}.
   *
   * @throws ProbeException if it cannot be made
   */
  Path hostScratchDirectory();

  /** The address at which the host reaches servers in the sandbox (the container's IP). */
  String sandboxAddress();

  /** The address at which the sandbox reaches servers on the host (its network's gateway). */
  String hostAddress();

  /**
   * A directory in the sandbox, empty when the sandbox opened, for the probe's files; on the host
   * the {@link #hostScratchDirectory()}.
   */
  String scratchDirectory();

  /**
   * Writes {@code content} (UTF-8 text) to {@code path} in the sandbox, replacing the file.
   *
   * @throws ProbeException if it cannot be written
   */
  default void writeFile(String path, String content) {
    ExecResult result =
        exec(
            Duration.ofSeconds(30),
            List.of("sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", content, path));
    if (!result.succeeded()) {
      throw new ProbeException(
          String.format(
              "Cannot write %s in the %s sandbox: %s", path, runtime().id(), result.stderr()));
    }
  }

  /**
   * Launches a further sandbox of the same runtime running {@code command} and returns once it has
   * started, with its output followed from the first byte: a container of {@link #image()} under
   * this runtime (created, attached to, started, as {@code docker run} does; labelled {@code
   * dev.junitsandbox=probe}), or on the host a child process of the JVM. The probe's own sandbox is
   * not involved. Time it with {@link LaunchedSandbox#awaitOutputLine}, or up to a moment the probe
   * observes itself with {@link LaunchedSandbox#phasesUntil}; keep several running side by side by
   * launching several (each call is independent and may run in parallel).
   *
   * <p>The caller closes the returned sandbox; whatever is still open is removed when this
   * context's sandbox closes.
   *
   * @param command the command to run, e.g. {@code echo ready} or {@code sleep infinity}; not empty
   * @param timeout how long it may take until started; on the host it is not needed (starting a
   *     process does not wait)
   * @throws ProbeException if it cannot be launched or has not started within {@code timeout}; it
   *     has then been removed (also a container whose create call was still under way), and the
   *     message shows the {@code docker run} command that reproduces the launch
   */
  LaunchedSandbox launch(List<String> command, Duration timeout);

  /**
   * The memory that {@code process} holds now, read from its {@code /proc/<pid>/smaps_rollup} (or
   * {@code smaps} on kernels before 4.14), in KiB.
   *
   * @return empty if the process has ended
   * @throws ProbeException if it cannot be read: reading another user's memory maps needs root or
   *     CAP_SYS_PTRACE
   */
  Optional<ProcessMemory> memoryOf(HostProcess process);
}
