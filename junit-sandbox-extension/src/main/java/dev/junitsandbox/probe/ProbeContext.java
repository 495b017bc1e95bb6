package dev.junitsandbox.probe;

import dev.junitsandbox.RuntimeUnderTest;
import java.time.Duration;
import java.util.List;

/** What a {@link Probe} can do in the sandbox it runs in. */
public interface ProbeContext {

  /** The runtime the probe runs on. */
  RuntimeUnderTest runtime();

  /** Path of the {@code sandbox-probe} binary, valid for commands passed to {@link #exec}. */
  String probeBinary();

  /**
   * Runs a command to completion in the sandbox ({@code docker exec} in a container, a child
   * process on the host) and returns its exit code and output.
   *
   * @throws ProbeException if it does not finish within {@code timeout} (it is then killed on the
   *     host; in a container it ends with the container)
   */
  ExecResult exec(Duration timeout, List<String> command);
}
