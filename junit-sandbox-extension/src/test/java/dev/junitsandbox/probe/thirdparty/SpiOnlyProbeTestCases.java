package dev.junitsandbox.probe.thirdparty;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures run by {@link SpiOnlyProbeTests} through the engine. */
class SpiOnlyProbeTestCases {

  /** The host processes of the launched sandbox left open, by runtime id, while it ran. */
  static final Map<String, List<HostProcess>> LEFT_OPEN = new ConcurrentHashMap<>();

  /**
   * What a probe left running on the host, by runtime id: nginx's pid and its scratch directory.
   */
  static final Map<String, LeftRunning> LEFT_RUNNING = new ConcurrentHashMap<>();

  record LeftRunning(long pid, Path hostScratchDirectory) {}

  static class LeavesAHostServerRunning {

    @Runtimes({HOST, RUNC})
    void leavesItRunning(Sandbox sandbox) {
      sandbox.measure(
          new HostPageProbe(
              directory ->
                  LEFT_RUNNING.put(
                      sandbox.runtime().id(), new LeftRunning(nginxPid(directory), directory))));
    }

    private static long nginxPid(Path directory) {
      try {
        return Long.parseLong(Files.readString(directory.resolve("nginx.pid")).strip());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static class LeavesALaunchedSandboxOpen {

    @Runtimes({HOST, RUNC})
    void leavesOneOpen(Sandbox sandbox) {
      sandbox.measure(
          new IdleSandboxesProbe(
              1, open -> LEFT_OPEN.put(sandbox.runtime().id(), open.hostProcesses())));
    }
  }
}
