package dev.junitsandbox.probe;

import dev.junitsandbox.RuntimeUnderTest;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link Probe} can do in the sandbox it runs in: run commands there, start servers there,
 * run clients on the host against them, and start further containers under the same runtime.
 *
 * <p>On {@link dev.junitsandbox.ContainerRuntime#HOST} the "sandbox" is the host itself: commands
 * are child processes of the JVM and both addresses are the loopback address.
 */
public interface ProbeContext {

  /** The runtime the probe runs on. */
  RuntimeUnderTest runtime();

  /** Path of the {@code sandbox-probe} binary, valid for commands passed to {@link #exec}. */
  String probeBinary();

  /**
   * The probe image's tag: the image the sandbox runs, with the workload tools (fio, sysbench,
   * iperf3, nginx, MariaDB) from Debian's packages. For probes that start containers of their own.
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

  /** The address at which the host reaches servers in the sandbox (the container's IP). */
  String sandboxAddress();

  /** The address at which the sandbox reaches servers on the host (its network's gateway). */
  String hostAddress();

  /**
   * A directory in the sandbox, empty when the sandbox opened, for the probe's files; on the host a
   * temporary directory removed when the sandbox closes.
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
}
