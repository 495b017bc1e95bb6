package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.HttpProbe;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The nginx study: one nginx worker serving a 4 KB static page in the sandbox, loaded with wrk from
 * the host, requests per second and response times, as in Li et al. ("Comparative Performance Study
 * of Lightweight Hypervisors Used in Container Environment", CLOSER 2021), who ran wrk for 10 s
 * with 1,000 connections ({@code worker_connections 1024}); here 3 s with 64 connections (1 s per
 * comparison trial), since wrk and nginx share the two cores of a shared machine. Under gVisor
 * ({@code --network=host} here) gVisor's own network stack is not in the path, its system call
 * interception is. A second measurement sends a constant 200 requests per second and times each
 * response from its intended send time, the coordinated-omission-free view wrk2 gives.
 */
class NginxTest {

  /**
   * 2 s loads instead of the default 5: the study runs two of them on nine columns (StudyRuntimes)
   * besides its comparisons, and its whole run must stay under 15 minutes.
   */
  private static final HttpProbe QUICK = Probes.http().duration(Duration.ofSeconds(2));

  /** The closed loop: Li et al.'s under {@code -Dstudy.preset=li2021} (StudySettings). */
  private static final HttpProbe WRK = StudySettings.probe(QUICK, Li2021::http);

  /** Li et al. have no constant-rate load: the quick one under every preset. */
  private static final HttpProbe CONSTANT_RATE = QUICK.constantRate(200);

  /** One trial of a comparison with the host: a 1 s closed loop. */
  private static final HttpProbe TRIAL = QUICK.duration(Duration.ofSeconds(1));

  /** The raw closed-loop figures for every runtime: requests/s and wrk's latency distribution. */
  @StudyRuntimes
  void closedLoop(Sandbox sandbox) {
    Measurement wrk = sandbox.measure(WRK);

    assertThat(wrk).figure("requestsPerSecond").isAtLeast(10);
    assertThat(wrk).figure("errorResponses").isAtMost(0);
  }

  /**
   * The open model: 200 requests per second, below what any of the runtimes serves here, so every
   * request is sent on time and answered; its latencies include any wait behind a slow response.
   */
  @StudyRuntimes
  void constantRate(Sandbox sandbox) {
    Measurement open = sandbox.measure(CONSTANT_RATE);

    assertThat(open).figure("missedSends").isAtMost(0);
    assertThat(open).figure("requestsPerSecond").isAtLeast(150);
  }

  /**
   * Under runc nginx answers through the bridge at a good part of the host's loopback rate. Six 1 s
   * wrk trials a side, each against a fresh nginx in a fresh sandbox, interleaved with the host's:
   * the whole interval of the ratio of median requests/s must lie above a fifth. On 2026-11-25 runc
   * served 0.295x [0.249, 0.374] of the host's requests/s on a quiet machine, where the host's
   * loopback is fastest (54,000 req/s), and 0.41x while other work ran.
   */
  @Runtimes(RUNC)
  void runcServesAtAGoodPartOfTheHostsRate(Sandbox sandbox) {
    assertThat(sandbox.compare(TRIAL).trials(6).withHost()).ratio("requestsPerSecond").isAbove(0.2);
  }

  /**
   * Every accept, read and write of nginx goes through gVisor's kernel in user space: it serves a
   * fraction of the host's requests per second (a tenth or less here). The whole interval must lie
   * below half.
   */
  @Runtimes(RUNSC)
  void gvisorServesAFractionOfTheHostsRate(Sandbox sandbox) {
    assertThat(sandbox.compare(TRIAL).trials(6).withHost()).ratio("requestsPerSecond").isBelow(0.5);
  }
}
