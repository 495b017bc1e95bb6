package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OltpProbeTests {

  private static final OltpProbe SMALL =
      Probes.oltp().tableSize(1_000).threads(2).duration(Duration.ofSeconds(3));

  @Test
  void defaultsToASmallTableFourThreadsAndTenSeconds() {
    OltpProbe oltp = Probes.oltp();

    assertThat(oltp.name()).isEqualTo("oltp.read_write");
    assertThat(oltp.parameters())
        .containsExactly(
            entry("workload", "sysbench oltp_read_write"),
            entry("tables", "1"),
            entry("tableSize", "10000"),
            entry("threads", "4"),
            entry("durationSeconds", "10"),
            entry("bufferPoolMiB", "64"));
  }

  @Test
  void isImmutable() {
    OltpProbe original = Probes.oltp();

    OltpProbe changed = original.tables(4).tableSize(50_000).threads(8).bufferPoolMiB(256);

    assertThat(original.tables()).isEqualTo(1);
    assertThat(original.tableSize()).isEqualTo(10_000);
    assertThat(changed.tables()).isEqualTo(4);
    assertThat(changed.tableSize()).isEqualTo(50_000);
    assertThat(changed.threads()).isEqualTo(8);
    assertThat(changed.bufferPoolMiB()).isEqualTo(256);
  }

  @Test
  void rejectsValuesOutOfRangeNamingTheRuleAndAFix() {
    assertThatThrownBy(() -> Probes.oltp().threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be from 1 to 1024, but was 0; e.g. threads(4)");
    assertThatThrownBy(() -> Probes.oltp().tableSize(-1))
        .hasMessage("tableSize must be from 1 to 100000000, but was -1; e.g. tableSize(10_000)");
    assertThatThrownBy(() -> Probes.oltp().bufferPoolMiB(4))
        .hasMessage("bufferPoolMiB must be from 8 to 65536, but was 4; e.g. bufferPoolMiB(64)");
    assertThatThrownBy(() -> Probes.oltp().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, but was PT0S");
  }

  @Test
  void rejectsADurationThatIsNotWholeSeconds() {
    assertThatThrownBy(() -> Probes.oltp().duration(Duration.ofMillis(1_500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "duration must be whole seconds from 1 s to 1 h (sysbench --time counts seconds), but"
                + " was PT1.5S; e.g. duration(Duration.ofSeconds(10))");
  }

  @Test
  void startsTheServerWithTheSameFlagsEverywhereButItsAddress() {
    OltpProbe oltp = Probes.oltp();

    List<String> host = oltp.serverCommand("/d", "127.0.0.1", 40123);
    List<String> container = oltp.serverCommand("/d", "0.0.0.0", 3306);

    assertThat(host).startsWith("mariadbd", "--no-defaults", "--user=root");
    assertThat(host)
        .contains(
            "--innodb-use-native-aio=0",
            "--innodb-buffer-pool-size=64M",
            "--init-file=/d/init.sql");
    assertThat(
            host.stream().filter(f -> !f.startsWith("--bind-address") && !f.startsWith("--port")))
        .containsExactlyElementsOf(
            container.stream()
                .filter(f -> !f.startsWith("--bind-address") && !f.startsWith("--port"))
                .toList());
  }

  @Runtimes({HOST, RUNC})
  void measuresTransactionsQueriesAndLatency(Sandbox sandbox) {
    // WHEN
    Measurement oltp = sandbox.measure(SMALL);

    // THEN 20 statements per transaction (BEGIN, 14 SELECTs, 4 writes, COMMIT)
    double tps = oltp.figure("transactionsPerSecond").value();
    assertThat(tps).isPositive();
    assertThat(oltp.figure("transactionsPerSecond").better()).isEqualTo(Better.HIGHER);
    assertThat(oltp.figure("transactionsPerSecond").samples()).hasSizeBetween(2, 3);
    assertThat(oltp.figure("queriesPerSecond").value() / tps).isBetween(19.0, 21.0);
    // one latency value per transaction: the rate times the 3 s run
    assertThat((double) oltp.count()).isCloseTo(tps * 3, withinPercentage(10));
    assertThat(oltp.p50Nanos()).isGreaterThan(10_000);
    assertThat(oltp.notes()).anyMatch(note -> note.contains("--innodb-use-native-aio=0"));
    assertThat(oltp.notes())
        .contains(
            sandbox.runtime().isHost()
                ? "network: host (no container; the host kernel's network stack)"
                : "network: runc in the container's own network namespace (the host kernel's"
                    + " network stack, over Docker's bridge)");
    // nothing of the server is left on the host
    assertThat(ProcessHandle.current().descendants())
        .noneMatch(p -> p.info().command().orElse("").endsWith("mariadbd"));
  }

  @Runtimes(HOST)
  void aFailingRunQuotesItsCommandsWithoutThePassword(Sandbox sandbox) {
    // GIVEN more client connections than MariaDB's default max_connections (151): sysbench fails
    OltpProbe crowded = SMALL.threads(1_024).duration(Duration.ofSeconds(1));

    // WHEN
    Throwable failure = catchThrowable(() -> sandbox.measure(crowded));

    // THEN the message quotes the failed sysbench command, the random password masked
    assertThat(failure)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("sysbench")
        .hasMessageContaining("Too many connections")
        .hasMessageContaining("--mysql-password=<redacted>");
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString())
        .doesNotContainPattern("password=[0-9a-f]{24}")
        .doesNotContainPattern("BY '[0-9a-f]{24}'");
    // AND nothing of the server is left on the host
    assertThat(ProcessHandle.current().descendants())
        .noneMatch(p -> p.info().command().orElse("").endsWith("mariadbd"));
  }
}
