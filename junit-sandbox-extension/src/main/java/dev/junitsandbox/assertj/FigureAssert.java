package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;

/**
 * Assertions on one named {@link Figure} of a {@link Measurement}, in the figure's unit; reach it
 * with {@code assertThat(measurement).figure("requestsPerSecond")}.
 */
public class FigureAssert extends AbstractFigureAssert<FigureAssert> {

  FigureAssert(Measurement measurement, Figure figure) {
    super(measurement, figure, FigureAssert.class);
  }
}
