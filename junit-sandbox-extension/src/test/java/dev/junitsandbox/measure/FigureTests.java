package dev.junitsandbox.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FigureTests {

  @Test
  void meanOfKeepsTheSamplesBehindTheValue() {
    Figure pss = Figure.meanOf("pss", "MiB", Figure.Better.LOWER, List.of(10.0, 12.0, 14.0));

    assertThat(pss.value()).isEqualTo(12.0);
    assertThat(pss.samples()).containsExactly(10.0, 12.0, 14.0);
    assertThat(pss.format()).isEqualTo("pss=12.00 MiB");
  }

  @Test
  void dividesByTheReferenceForRatios() {
    Figure runsc = Figure.of("requestsPerSecond", "req/s", 450, Figure.Better.HIGHER);
    Figure runc = Figure.of("requestsPerSecond", "req/s", 25_000, Figure.Better.HIGHER);

    assertThat(runsc.ratioTo(runc)).isEqualTo(0.018);
    assertThat(runsc.ratioTo(Figure.of("r", "req/s", 0, Figure.Better.HIGHER))).isInfinite();
  }

  @Test
  void refusesNonFiniteValuesAndEmptySampleLists() {
    assertThatThrownBy(() -> Figure.of("gbps", "Gbit/s", Double.NaN, Figure.Better.HIGHER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("figure gbps must be a finite number, but was NaN");
    assertThatThrownBy(() -> Figure.meanOf("pss", "MiB", Figure.Better.LOWER, List.of()))
        .hasMessage("figure pss needs at least one sample");
  }

  @Test
  void formatsValuesWithoutExponents() {
    assertThat(Figure.formatValue(10_234.56)).isEqualTo("10235");
    assertThat(Figure.formatValue(12.345)).isEqualTo("12.35");
    assertThat(Figure.formatValue(0.003123)).isEqualTo("0.00312");
  }

  @Test
  void aMeasurementMayHoldFiguresWithoutLatency() {
    Measurement http = Measurements.http("runc", 25_000);

    assertThat(http.hasLatency()).isFalse();
    assertThat(http.figure("requestsPerSecond").value()).isEqualTo(25_000);
    assertThat(http.summary()).isEqualTo("http on runc: requestsPerSecond=25000 req/s");
    assertThatThrownBy(http::p50Nanos)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "http on runc measured no latency distribution, only figures [requestsPerSecond];"
                + " use figure(name)");
    assertThatThrownBy(() -> http.figure("gbps"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("http on runc has no figure 'gbps'; it has [requestsPerSecond]");
  }

  @Test
  void aMeasurementNeedsLatencyOrAFigureAndUniqueFigureNames() {
    assertThatThrownBy(() -> Measurement.builder("http", "runc", Map.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a measurement needs a latency histogram or at least one figure, but http on runc"
                + " has neither");
    Figure rate = Figure.of("requestsPerSecond", "req/s", 1, Figure.Better.HIGHER);
    assertThatThrownBy(
            () -> Measurement.builder("http", "runc", Map.of()).figure(rate).figure(rate).build())
        .hasMessage("figure requestsPerSecond appears twice in the measurement of http");
  }

  @Test
  void keepsTheParametersInTheProbesOrderAndTheNotes() {
    Map<String, String> parameters = new java.util.LinkedHashMap<>();
    parameters.put("z", "1");
    parameters.put("a", "2");
    Measurement measurement =
        Measurement.builder("fio", "runsc", parameters)
            .figure("bandwidth", "MiB/s", 100, Figure.Better.HIGHER)
            .note("gVisor serves direct=1 reads from its own cache")
            .build();

    assertThat(measurement.parameters().keySet()).containsExactly("z", "a");
    assertThat(measurement.notes())
        .containsExactly("gVisor serves direct=1 reads from its own cache");
  }
}
