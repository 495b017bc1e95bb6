package dev.junitsandbox.internal.report;

import dev.junitsandbox.probe.builtin.FileIoProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;

/**
 * The ratios between two environments that the two studies publish, the one place in code that
 * holds the papers' numbers (docs/metrics.md, "The studies' figures beside ours", says where each
 * comes from). The page's section "The studies' figures" shows each beside the same ratio of this
 * run's chart ({@link StudyFigures}).
 *
 * <p>Only ratios whose two sides have a counterpart here: a study figure of an environment this
 * project cannot run (Kata, Firecracker, QEMU/KVM: no KVM here) or given as a difference (Li et
 * al.'s startup times) is in docs/metrics.md only.
 */
final class PublishedRatios {

  /**
   * One published ratio and the ratio of this project's runtimes it is set beside.
   *
   * @param study who published it, e.g. {@code "Li et al. 2021"}
   * @param source where in the study the figures are, with a table or figure number only where the
   *     study states one
   * @param studyPair the study's environments, numerator first, e.g. {@code "gVisor-ptrace / host"}
   * @param quoted the study's own figures as it gives them, e.g. {@code "268.52 / 286.32 events/s"}
   * @param ratio the study's ratio, numerator over denominator, above 0
   * @param probe the built-in probe's name whose chart shows it
   * @param figure the name of the chart's series the ratio is of
   * @param numerator the runtime id here standing for the study's numerator
   * @param denominator the runtime id here standing for the study's denominator
   */
  record PublishedRatio(
      String study,
      String source,
      String studyPair,
      String quoted,
      double ratio,
      String probe,
      String figure,
      String numerator,
      String denominator) {

    PublishedRatio {
      Objects.requireNonNull(study, "study");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(studyPair, "studyPair");
      Objects.requireNonNull(quoted, "quoted");
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(figure, "figure");
      Objects.requireNonNull(numerator, "numerator");
      Objects.requireNonNull(denominator, "denominator");
      if (!(ratio > 0) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(
            String.format(
                "%s's ratio %s must be a finite number above 0 (numerator over denominator), but"
                    + " was %s",
                study, studyPair, ratio));
      }
      if (numerator.equals(denominator)) {
        throw new IllegalArgumentException(
            String.format(
                "%s's ratio %s is set beside %s / %s: a ratio needs two different runtimes",
                study, studyPair, numerator, denominator));
      }
    }

    /** {@code "runsc-ptrace / host"}: the ratio of this run it is set beside. */
    String pair() {
      return numerator + " / " + denominator;
    }
  }

  private static final String LI = "Li et al. 2021";
  private static final String LI_GETPID =
      "Li et al., CLOSER 2021, system call performance, as issue 14 quotes it (the table or figure"
          + " number is not stated here)";
  private static final String LI_GETPID_QUOTED =
      "gVisor on ptrace took 36 times the host's total time of 10,000 getpid() calls";
  private static final String GOYAL = "Goyal 2024";
  private static final String GOYAL_RESULTS =
      "Goyal, the repository's sysbench output, src/results/docker_runsc/%s against"
          + " docker_runc/%s (%s)";
  private static final String GOYAL_INCUS_RESULTS =
      "Goyal, the repository's sysbench output, src/results/incus/%s against docker_runc/%s (%s)";

  /** Every published ratio, in docs/metrics.md's order of the figures. */
  static final List<PublishedRatio> ALL =
      List.of(
          // both ptrace builds stand for Li's gVisor-ptrace: Li's gVisor build is not quoted here
          new PublishedRatio(
              LI,
              LI_GETPID,
              "gVisor-ptrace / host",
              LI_GETPID_QUOTED,
              36,
              Probes.syscall("getpid").name(),
              StudyFigures.MEAN_PER_CALL,
              "runsc-ptrace",
              "host"),
          new PublishedRatio(
              LI,
              LI_GETPID,
              "gVisor-ptrace / host",
              LI_GETPID_QUOTED,
              36,
              Probes.syscall("getpid").name(),
              StudyFigures.MEAN_PER_CALL,
              "runsc-20221219",
              "host"),
          // Goyal has no host column: runc is the baseline. The runsc column is gVisor
          // release-20240408 with no --platform flag in the repository's scripts.
          new PublishedRatio(
              GOYAL,
              String.format(
                  GOYAL_RESULTS,
                  "TEST1_CPU",
                  "TEST1_CPU",
                  "'events per second'; figure 6 draws the same runs' latencies"),
              "docker/runsc / docker/runc",
              "268.52 / 286.32 events/s",
              268.52 / 286.32,
              Probes.cpu().name(),
              "eventsPerSecond",
              "runsc",
              "runc"),
          new PublishedRatio(
              GOYAL,
              String.format(
                  GOYAL_RESULTS,
                  "TEST3_MEM",
                  "TEST3_MEM",
                  "'MiB/sec'; figure 9 draws the same runs' total time"),
              "docker/runsc / docker/runc",
              "7856.04 / 8010.42 MiB/s",
              7856.04 / 8010.42,
              Probes.memoryBandwidth().name(),
              "bandwidth",
              "runsc",
              "runc"),
          new PublishedRatio(
              GOYAL,
              String.format(GOYAL_RESULTS, "TEST2_IO", "TEST2_IO", "seqrd 'read, MiB/s'; figure 7"),
              "docker/runsc / docker/runc",
              "1686.86 / 4334.92 MiB/s",
              1686.86 / 4334.92,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_READ).name(),
              "readMiBps",
              "runsc",
              "runc"),
          new PublishedRatio(
              GOYAL,
              String.format(
                  GOYAL_RESULTS, "TEST2_IO", "TEST2_IO", "seqwr 'written, MiB/s'; figure 8"),
              "docker/runsc / docker/runc",
              "600.27 / 7.24 MiB/s",
              600.27 / 7.24,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_WRITE).name(),
              "writtenMiBps",
              "runsc",
              "runc"),
          new PublishedRatio(
              GOYAL,
              String.format(
                  GOYAL_RESULTS, "TEST2_IO", "TEST2_IO", "seqrewr 'written, MiB/s'; figure 8"),
              "docker/runsc / docker/runc",
              "688.08 / 7.38 MiB/s",
              688.08 / 7.38,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_REWRITE).name(),
              "writtenMiBps",
              "runsc",
              "runc"),
          // Incus system containers, the INCUS column here (Incus 6.0.0 on ZFS there)
          incus(
              "TEST1_CPU",
              "'events per second'",
              "282.47 / 286.32 events/s",
              282.47 / 286.32,
              Probes.cpu().name(),
              "eventsPerSecond"),
          incus(
              "TEST3_MEM",
              "'MiB/sec'",
              "7721.65 / 8010.42 MiB/s",
              7721.65 / 8010.42,
              Probes.memoryBandwidth().name(),
              "bandwidth"),
          incus(
              "TEST2_IO",
              "seqrd 'read, MiB/s'; figure 7",
              "953.94 / 4334.92 MiB/s",
              953.94 / 4334.92,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_READ).name(),
              "readMiBps"),
          incus(
              "TEST2_IO",
              "seqwr 'written, MiB/s'; figure 8",
              "61.22 / 7.24 MiB/s",
              61.22 / 7.24,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_WRITE).name(),
              "writtenMiBps"),
          incus(
              "TEST2_IO",
              "seqrewr 'written, MiB/s'; figure 8",
              "65.86 / 7.38 MiB/s",
              65.86 / 7.38,
              Probes.fileIo(FileIoProbe.Mode.SEQUENTIAL_REWRITE).name(),
              "writtenMiBps"));

  private static PublishedRatio incus(
      String test, String what, String quoted, double ratio, String probe, String figure) {
    return new PublishedRatio(
        GOYAL,
        String.format(GOYAL_INCUS_RESULTS, test, test, what),
        "Incus / docker/runc",
        quoted,
        ratio,
        probe,
        figure,
        "incus",
        "runc");
  }

  private PublishedRatios() {}

  /** The published ratios of {@code probe}'s chart, in {@link #ALL}'s order; possibly empty. */
  static List<PublishedRatio> of(String probe) {
    return ALL.stream().filter(r -> r.probe().equals(probe)).toList();
  }

  /** {@code 383}, {@code 0.938}, {@code 82.9}, {@code 36}: three significant digits, plain. */
  static String format(double ratio) {
    return new BigDecimal(ratio).round(new MathContext(3)).stripTrailingZeros().toPlainString()
        + "x";
  }
}
