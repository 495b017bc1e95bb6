package dev.junitsandbox.probe.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyscallProbeTests {

  @Test
  void defaultsToTheStudiesTenThousandCalls() {
    SyscallProbe getpid = Probes.syscall("getpid");

    assertThat(getpid.calls()).isEqualTo(10_000);
    assertThat(getpid.name()).isEqualTo("syscall.getpid");
    assertThat(getpid.parameters())
        .containsEntry("calls", "10000")
        .containsEntry("batchSize", "10")
        .containsEntry("warmupCalls", "1000");
  }

  @Test
  void isImmutable() {
    SyscallProbe original = Probes.syscall("getpid");

    SyscallProbe changed = original.iterations(2_000).warmup(0);

    assertThat(original.calls()).isEqualTo(10_000);
    assertThat(changed.calls()).isEqualTo(2_000);
    assertThat(changed.warmupCalls()).isZero();
  }

  @Test
  void namesTheSupportedSystemCallsForAnUnknownOne() {
    assertThatThrownBy(() -> Probes.syscall("fork"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "system call 'fork' is not supported by the syscall probe; use one of [getpid, stat]");
  }

  @Test
  void requiresCallsToBeAMultipleOfTheBatch() {
    assertThatThrownBy(() -> Probes.syscall("getpid").iterations(10_005))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calls (10005) must be a multiple of batchSize (10), e.g. calls(10010)");
  }

  @Test
  void rejectsNonPositiveValues() {
    assertThatThrownBy(() -> Probes.syscall("getpid").batchSize(0))
        .hasMessage("batchSize must be at least 1, but was 0");
    assertThatThrownBy(() -> Probes.syscall("getpid").warmup(-1))
        .hasMessage("warmupCalls must be 0 or more, but was -1");
    assertThatThrownBy(() -> Probes.syscall("getpid").timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, but was PT0S");
  }

  @Test
  void aSampleBeyondTheHourAMeasurementHoldsFailsNamingTheProbeTheValueAndTheRange(
      @TempDir Path scratch) throws IOException {
    // GIVEN a probe binary whose second batch took 5,000 s per call: well-formed, but absurd
    Path binary = scratch.resolve("sandbox-probe");
    Files.writeString(
        binary,
        """
        #!/bin/sh
        printf 'junit-sandbox-probe 1\\nprobe syscall\\nsyscall getpid\\nunit ps-per-call\\n'
        printf 'samples 2\\n120500\\n5000000000000000\\nend\\n'
        """);
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
    SyscallProbe getpid = Probes.syscall("getpid").iterations(20).warmup(0);

    // WHEN / THEN
    assertThatThrownBy(() -> getpid.run(new LocalProbeContext(scratch, binary)))
        .isExactlyInstanceOf(ProbeException.class)
        .hasMessageContaining("syscall.getpid on host")
        .hasMessageContaining("5000000000000 ns")
        .hasMessageContaining("from 0 to 3600000000000 ns (one hour)");
  }
}
