package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Fixtures for {@link KilledRunTests}, run in a child JVM by {@link KilledRunMain}. */
class KilledRunTestCases {

  /**
   * Launches sandboxes as the footprint probe does and leaves them open for the sandbox to close.
   */
  static final class LeavesLaunchesOpen implements Probe {

    private final int count;

    LeavesLaunchesOpen(int count) {
      this.count = count;
    }

    @Override
    public String name() {
      return "leaves-launches-open";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of("count", Integer.toString(count));
    }

    @Override
    public Measurement run(ProbeContext context) {
      for (int i = 0; i < count; i++) {
        LaunchedSandbox launched =
            context.launch(List.of("sh", "-c", "echo up; exec sleep 600"), Duration.ofSeconds(60));
        launched.awaitOutputLine("up", Duration.ofSeconds(60));
      }
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .figure("launched", "sandboxes", count, Figure.Better.HIGHER)
          .build();
    }
  }

  /**
   * While it runs: the runc probe container, 3 footprint-style containers, one launched host
   * process (a timed launch, so not supervised), and the HTTP probe's nginx and wrk on the host for
   * two minutes, with nginx's scratch directory.
   */
  @Fixture
  static class ServersAndContainers {
    @Runtimes(RUNC)
    void serversAndContainers(Sandbox sandbox) {
      sandbox.measure(new LeavesLaunchesOpen(3));
      sandbox.host(new LeavesLaunchesOpen(1));
      sandbox.host(Probes.http().connections(1).threads(1).duration(Duration.ofMinutes(2)));
    }
  }

  /** The next run: anything; what matters is the sweep when its session opens. */
  @Fixture
  static class NextRun {
    @Runtimes(HOST)
    void nothing() {}
  }
}
