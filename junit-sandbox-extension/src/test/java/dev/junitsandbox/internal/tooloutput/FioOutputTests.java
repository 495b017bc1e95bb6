package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing fio's json+ report, captured from fio 3.33 runs of the probe's job on the host. */
@Timeout(10)
class FioOutputTests {

  private static final String RANDREAD = Resources.text("fio-randread-64k.json");
  private static final String WRITE = Resources.text("fio-write-64k.json");

  @Test
  void readsBandwidthIopsAndEveryCompletionLatency() {
    // WHEN
    FioOutput fio = FioOutput.parse("test", "read", RANDREAD);

    // THEN the figures are fio's own (read.bw_bytes, read.iops, read.total_ios)
    assertThat(fio.bandwidthBytesPerSecond()).isEqualTo(359_318_068L);
    assertThat(fio.iops()).isCloseTo(5482.758621, within(1e-6));
    assertThat(fio.ios()).isEqualTo(10_971);
    assertThat(fio.runtimeMillis()).isEqualTo(2_001);
    // AND the histogram holds one value per I/O, fio's p50 among them
    Histogram nanos = fio.completionNanos();
    assertThat(nanos.getTotalCount()).isEqualTo(10_971);
    assertThat((double) nanos.getValueAtPercentile(50)).isCloseTo(107_008, within(107_008 * 0.01));
  }

  @Test
  void readsTheWriteSideOfAWriteJob() {
    FioOutput fio = FioOutput.parse("test", "write", WRITE);

    assertThat(fio.ios()).isEqualTo(7_493);
    assertThat(fio.completionNanos().getTotalCount()).isEqualTo(7_493);
    assertThat(fio.bandwidthBytesPerSecond() / 1048576.0).isCloseTo(233.9, within(0.1));
  }

  @Test
  void skipsWarningsPrintedBeforeTheJson() {
    String warned = "fio: this platform does not support process shared mutexes\n" + RANDREAD;

    assertThat(FioOutput.parse("test", "read", warned).ios()).isEqualTo(10_971);
  }

  @Test
  void rejectsADirectionWithoutIo() {
    assertThatThrownBy(() -> FioOutput.parse("disk.randread.64k on runc", "write", RANDREAD))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("disk.randread.64k on runc: cannot read fio's output")
        .hasMessageContaining("expected at least one write I/O, but fio did none");
  }

  @Test
  void rejectsOutputWithoutJsonAndShowsItsTail() {
    assertThatThrownBy(
            () -> FioOutput.parse("test", "read", "fio: pid=0, err=22/file:filesetup.c:805\n"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("expected fio's JSON report (a line starting with '{')")
        .hasMessageContaining("fio printed (tail):")
        .hasMessageContaining("err=22/file:filesetup.c:805");
  }

  @Test
  void rejectsPlainJsonWithoutBins() {
    String plain = RANDREAD.replace("\"bins\"", "\"notbins\"");

    assertThatThrownBy(() -> FioOutput.parse("test", "read", plain))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("expected read.clat_ns.bins (run fio with --output-format=json+)");
  }

  @Test
  void rejectsTruncatedJson() {
    String truncated = RANDREAD.substring(0, RANDREAD.length() / 2);

    assertThatThrownBy(() -> FioOutput.parse("test", "read", truncated))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("expected valid JSON from fio");
  }

  @Test
  void rejectsAFailedJob() {
    String failed = RANDREAD.replaceFirst("\"error\" : 0", "\"error\" : 5");

    assertThatThrownBy(() -> FioOutput.parse("test", "read", failed))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("expected a job without error, but fio reports error 5");
  }
}
