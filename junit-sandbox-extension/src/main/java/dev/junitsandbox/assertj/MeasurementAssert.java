package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;

/** Assertions on a {@link Measurement}; start with {@link SandboxAssertions#assertThat}. */
public class MeasurementAssert extends AbstractMeasurementAssert<MeasurementAssert> {

  /**
   * @param actual the measurement under test; may be null (every check then fails)
   */
  public MeasurementAssert(Measurement actual) {
    super(actual, MeasurementAssert.class);
  }
}
