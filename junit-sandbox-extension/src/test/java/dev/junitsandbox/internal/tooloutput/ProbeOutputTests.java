package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.ProbeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10) // a parser must never hang, whatever it is fed
class ProbeOutputTests {

  private static final String GOOD =
      """
      junit-sandbox-probe 1
      probe syscall
      syscall getpid
      calls 30
      batch 10
      unit ps-per-call
      samples 3
      120500
      98000
      101000
      end
      """;

  @Test
  void readsHeaderAndSamples() {
    ProbeOutput output = ProbeOutput.parse("test", GOOD);

    assertThat(output.header("syscall")).isEqualTo("getpid");
    assertThat(output.header("unit")).isEqualTo("ps-per-call");
    assertThat(output.samples()).containsExactly(120500, 98000, 101000);
  }

  @Test
  void rejectsOutputThatEndsBeforeAllSamples() {
    String truncated = GOOD.substring(0, GOOD.indexOf("101000"));

    assertThatThrownBy(() -> ProbeOutput.parse("syscall.getpid on runc", truncated))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("Cannot read the sandbox-probe output of syscall.getpid on runc")
        .hasMessageContaining("declared 3 samples but ended after 2 (output truncated?)");
  }

  @Test
  void rejectsOutputWithoutTheEndLine() {
    String noEnd = GOOD.replace("end\n", "");

    assertThatThrownBy(() -> ProbeOutput.parse("test", noEnd))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("no 'end' line after the samples");
  }

  @Test
  void rejectsOutputCutInTheHeader() {
    String cut = GOOD.substring(0, GOOD.indexOf("samples"));

    assertThatThrownBy(() -> ProbeOutput.parse("test", cut))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("no 'samples N' line");
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(
            () -> ProbeOutput.parse("test", "OCI runtime exec failed: permission denied\n"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("the first line must be 'junit-sandbox-probe 1'")
        .hasMessageContaining("OCI runtime exec failed");
  }

  @Test
  void rejectsAnotherProtocolVersion() {
    assertThatThrownBy(() -> ProbeOutput.parse("test", GOOD.replace("probe 1", "probe 2")))
        .hasMessageContaining("but was 'junit-sandbox-probe 2'");
  }

  @Test
  void rejectsEmptyOutput() {
    assertThatThrownBy(() -> ProbeOutput.parse("test", ""))
        .hasMessageContaining("it printed nothing");
  }

  @Test
  void rejectsASampleThatIsNotANumber() {
    assertThatThrownBy(() -> ProbeOutput.parse("test", GOOD.replace("98000", "98k")))
        .hasMessageContaining(
            "sandbox-probe printed sample 2 '98k', but expected a whole number from 0 to");
  }

  @Test
  void rejectsANegativeSample() {
    assertThatThrownBy(() -> ProbeOutput.parse("test", GOOD.replace("98000", "-5")))
        .hasMessageContaining(
            "sandbox-probe printed sample 2 '-5', but expected a whole number from 0 to");
  }

  @Test
  void rejectsAnAbsurdSampleCountWithoutAllocatingIt() {
    assertThatThrownBy(
            () -> ProbeOutput.parse("test", GOOD.replace("samples 3", "samples 99999999999")))
        .hasMessageContaining(
            "printed samples '99999999999', but expected a whole number from 1 to 10000000");
  }

  @Test
  void rejectsExtraLinesWhereEndBelongs() {
    assertThatThrownBy(
            () -> ProbeOutput.parse("test", GOOD.replace("101000\nend", "101000\n7\nend")))
        .hasMessageContaining("expected 'end' after 3 samples but found '7'");
  }

  @Test
  void checksHeaderValues() {
    ProbeOutput output = ProbeOutput.parse("test", GOOD);

    assertThatThrownBy(() -> output.requireHeader("syscall", "stat"))
        .hasMessageContaining("header 'syscall' must be 'stat' but was 'getpid'");
    assertThatThrownBy(() -> output.requireSampleCount(1000))
        .hasMessageContaining("expected 1000 samples but it printed 3");
  }
}
