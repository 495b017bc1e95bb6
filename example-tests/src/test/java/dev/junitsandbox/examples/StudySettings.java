package dev.junitsandbox.examples;

import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.builtin.Li2021;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one switch between the example study's quick settings and a published study's parameters: the
 * system property {@value #PROPERTY}, e.g. {@code mvn -B -ntp verify -pl example-tests -am
 * -Dstudy.preset=li2021}. {@code quick} (or no property) keeps each example's own short settings;
 * {@code li2021} gives the measurements of the {@code @StudyRuntimes} matrix the probes of {@link
 * Li2021}. The comparisons keep their short trials either way: a trial is one side's sample, many
 * of them decide, and a 600 s trial would make a comparison take hours.
 *
 * <p>Not a {@code junit.sandbox.*} key: the library rejects every key of its own namespace it does
 * not read, and this one only the examples read.
 */
final class StudySettings {

  /** The system property that chooses the parameters. */
  static final String PROPERTY = "study.preset";

  private StudySettings() {}

  /**
   * {@code quick} under the quick settings (the default), {@code li2021} under {@code
   * -Dstudy.preset=li2021}.
   *
   * @throws IllegalArgumentException naming the value and the choices, for any other value
   */
  static <P extends Probe> P probe(P quick, Supplier<? extends P> li2021) {
    String preset = System.getProperty(PROPERTY, "quick").strip().toLowerCase(Locale.ROOT);
    switch (preset) {
      case "quick":
      case "":
        return quick;
      case "li2021":
        return li2021.get();
      default:
        throw new IllegalArgumentException(
            String.format(
                "%s must be quick (each example's short settings, the default) or li2021 (Li et"
                    + " al., CLOSER 2021), but was '%s'; e.g. -D%s=li2021, or leave it unset",
                PROPERTY, System.getProperty(PROPERTY), PROPERTY));
    }
  }
}
