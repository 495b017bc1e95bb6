package dev.junitsandbox.compare;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The statistics of a {@link FigureComparison}, from Apache Commons Statistics where it has them
 * (medians, the Mann-Whitney U test); only the interval of the ratio is built here, by inverting
 * Commons' test.
 */
final class RatioStatistics {

  private static final Median MEDIAN = Median.withDefaults().withCopy(true);

  // two-sided, exact p-values for small samples without ties, else the normal approximation with
  // continuity and tie correction: Commons' defaults
  private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults();

  private RatioStatistics() {}

  static double median(double[] values) {
    return MEDIAN.evaluate(values);
  }

  /** The two-sided Mann-Whitney U p-value of {@code a} against {@code b}. */
  static double pValue(double[] a, double[] b) {
    double p = TEST.test(a, b).getPValue();
    // all values equal (a coarse statistic of a fast call): the tie-corrected variance is 0 and
    // Commons answers NaN; identical samples are no evidence of a difference
    return Double.isNaN(p) ? 1 : p;
  }

  /**
   * The distribution-free confidence interval, at {@code 1 - alpha}, of the factor {@code r} in the
   * model "A is distributed as B times r": every {@code r} for which the Mann-Whitney test of
   * {@code a} against {@code r * b} has {@code p >= alpha} (Bauer 1972, the Moses interval on the
   * logarithms). The test's statistic only changes where {@code r} crosses one of the pairwise
   * ratios {@code a_i / b_j}, so testing once between each two neighbouring ratios (and once beyond
   * either end) finds the interval exactly; its bounds are pairwise ratios, or 0 and infinity when
   * the trials are too few for any factor to be rejected on that side.
   *
   * @param a values above 0
   * @param b values above 0
   * @return {@code {low, high}}
   */
  static double[] ratioInterval(double[] a, double[] b, double alpha) {
    double[] ratios = new double[a.length * b.length];
    int k = 0;
    for (double x : a) {
      for (double y : b) {
        ratios[k++] = x / y;
      }
    }
    double[] distinct = Arrays.stream(ratios).sorted().distinct().toArray();
    int n = distinct.length;
    // gap i lies between distinct[i - 1] and distinct[i]; gap 0 is below all, gap n above all
    int first = -1;
    int last = -1;
    for (int gap = 0; gap <= n; gap++) {
      double factor;
      if (gap == 0) {
        factor = distinct[0] / 2;
      } else if (gap == n) {
        factor = distinct[n - 1] * 2;
      } else {
        factor = Math.sqrt(distinct[gap - 1] * distinct[gap]); // the middle on a log scale
      }
      if (accepts(a, b, factor, alpha)) {
        if (first < 0) {
          first = gap;
        }
        last = gap;
      }
    }
    if (first < 0) {
      // no factor between the ratios survives (cannot happen with Commons' p-values, whose
      // largest value is reached between the middle ratios); the middle ratio is the estimate
      double middle = median(ratios);
      return new double[] {middle, middle};
    }
    double low = first == 0 ? 0 : distinct[first - 1];
    double high = last == n ? Double.POSITIVE_INFINITY : distinct[last];
    return new double[] {low, high};
  }

  private static boolean accepts(double[] a, double[] b, double factor, double alpha) {
    double[] scaled = new double[b.length];
    for (int j = 0; j < b.length; j++) {
      scaled[j] = b[j] * factor;
    }
    return pValue(a, scaled) >= alpha;
  }

  /**
   * The smallest {@code n} for which {@code n} values against {@code n} others, all of one side
   * below all of the other and two of them tied, give a p-value below {@code alpha}: the fewest
   * trials with which any factor can be rejected whether or not values tie.
   */
  static int fewestTrialsToReject(double alpha) {
    for (int n = 2; n <= 1_000; n++) {
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = i + 1;
        b[i] = n + i + 1;
      }
      a[1] = a[0]; // one tie: Commons then uses its normal approximation
      if (TEST.test(a, b).getPValue() < alpha) {
        return n;
      }
    }
    throw new IllegalArgumentException(
        "alpha " + alpha + " cannot be reached with up to 1,000 trials a side; use 0.05 or 0.01");
  }
}
