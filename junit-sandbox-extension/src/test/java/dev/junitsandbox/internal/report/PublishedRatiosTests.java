package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.internal.report.PublishedRatios.PublishedRatio;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The studies' published ratios: the one place in code that holds the papers' numbers. */
class PublishedRatiosTests {

  private static final Pattern TWO_VALUES = Pattern.compile("([0-9.]+) / ([0-9.]+) .+");

  @Test
  void eachRatioQuotedAsTwoValuesIsTheirQuotient() {
    // GIVEN the ratios whose study gives both sides' values (Goyal's sysbench output)
    List<PublishedRatio> twoSided =
        PublishedRatios.ALL.stream().filter(r -> TWO_VALUES.matcher(r.quoted()).matches()).toList();
    assertThat(twoSided).extracting(PublishedRatio::study).containsOnly("Goyal 2024").hasSize(10);

    // WHEN / THEN a value edited on one side only is caught
    for (PublishedRatio ratio : twoSided) {
      Matcher values = TWO_VALUES.matcher(ratio.quoted());
      assertThat(values.matches()).isTrue();
      assertThat(ratio.ratio())
          .as(ratio.studyPair() + " " + ratio.quoted())
          .isCloseTo(
              Double.parseDouble(values.group(1)) / Double.parseDouble(values.group(2)),
              within(1e-12));
    }
  }

  @Test
  void eachRatioIsSetBesideOneFigureOfTwoRuntimesOnce() {
    // WHEN
    List<String> keys =
        PublishedRatios.ALL.stream()
            .map(r -> r.probe() + " " + r.figure() + " " + r.pair())
            .toList();

    // THEN
    assertThat(keys)
        .doesNotHaveDuplicates()
        .contains(
            "syscall.getpid mean per call runsc-ptrace / host",
            "fileio.seqwr writtenMiBps runsc / runc",
            "fileio.seqwr writtenMiBps incus / runc");
    assertThat(PublishedRatios.of("syscall.getpid"))
        .extracting(PublishedRatio::pair, PublishedRatio::ratio)
        .containsExactly(tuple("runsc-ptrace / host", 36.0), tuple("runsc-20221219 / host", 36.0));
    assertThat(PublishedRatios.of("my.probe")).isEmpty();
  }

  @Test
  void formatsRatiosToThreeSignificantDigitsWithoutAnExponent() {
    assertThat(List.of(383.24, 0.937762, 600.27 / 7.24, 36.0, 1234.5, 0.0725))
        .map(PublishedRatios::format)
        .containsExactly("383x", "0.938x", "82.9x", "36x", "1230x", "0.0725x");
  }

  @Test
  void rejectsARatioThatIsNoRatioOfTwoRuntimes() {
    assertThatThrownBy(
            () -> new PublishedRatio("S", "src", "a / b", "q", 0, "p", "f", "runc", "host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "S's ratio a / b must be a finite number above 0 (numerator over denominator), but"
                + " was 0.0");
    assertThatThrownBy(
            () -> new PublishedRatio("S", "src", "a / b", "q", 2, "p", "f", "runc", "runc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "S's ratio a / b is set beside runc / runc: a ratio needs two different runtimes");
  }
}
