package dev.junitsandbox.probe.thirdparty;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.HostProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures run by {@link SpiOnlyProbeTests} through the engine. */
class SpiOnlyProbeTestCases {

  /** The host processes of the launched sandbox left open, by runtime id, while it ran. */
  static final Map<String, List<HostProcess>> LEFT_OPEN = new ConcurrentHashMap<>();

  static class LeavesALaunchedSandboxOpen {

    @Runtimes({HOST, RUNC})
    void leavesOneOpen(Sandbox sandbox) {
      sandbox.measure(
          new IdleSandboxesProbe(
              1, open -> LEFT_OPEN.put(sandbox.runtime().id(), open.hostProcesses())));
    }
  }
}
