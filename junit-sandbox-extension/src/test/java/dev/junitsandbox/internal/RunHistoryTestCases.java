package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;

/** Fixtures for {@link RunHistoryTests}, run only through a launcher in those tests. */
class RunHistoryTestCases {

  /**
   * getpid on the host alone, a round in well under a second: the history is about runs, not
   * runtimes. The rounds come from {@code junit.sandbox.rounds}.
   */
  @Fixture
  static class HostGetpid {
    @Runtimes(HOST)
    void getpid(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
    }
  }
}
