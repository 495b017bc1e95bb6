package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;

/** Assertions on a {@link Measurement}; start with {@link SandboxAssertions#assertThat}. */
public class MeasurementAssert extends AbstractMeasurementAssert<MeasurementAssert> {

  public MeasurementAssert(Measurement actual) {
    super(actual, MeasurementAssert.class);
  }
}
