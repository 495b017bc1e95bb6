package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonPlan;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.internal.report.InvocationReport;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.report.ComparisonResult;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The {@link Sandbox} of one invocation: runs probes where {@code inSandbox} points, or on the host
 * for {@link #host}, and reports every measurement as soon as it is taken (JSON, .hgrm and a JUnit
 * report entry). Closing it closes the container.
 */
final class ReportingSandbox implements Sandbox, AutoCloseable {

  /**
   * Held while a probe runs, so no two measurements of this JVM overlap, whatever runs them:
   * JUnit's parallel execution, a test's own threads, or two engine runs in one JVM. On two cores a
   * second probe would halve the first one's figures. JUnit's resource locks ({@link
   * MeasurementLocks}) keep measuring tests apart as a whole; this lock is the guarantee for the
   * timed region, also where a {@code Sandbox} is reached in a way the annotations do not show. It
   * is fair, so probes run in the order they asked, and no other lock is taken while it is held.
   */
  private static final ReentrantLock MEASURING = new ReentrantLock(true);

  private final RuntimeUnderTest runtime;
  private final ProbeContext inSandbox;
  private final Supplier<ProbeContext> onHost;
  private final InvocationReport report;
  private final ExtensionContext invocation;
  private final AutoCloseable resource;
  private final RunResources resources;

  ReportingSandbox(
      RuntimeUnderTest runtime,
      ProbeContext inSandbox,
      Supplier<ProbeContext> onHost,
      InvocationReport report,
      ExtensionContext invocation,
      AutoCloseable resource,
      RunResources resources) {
    this.runtime = runtime;
    this.inSandbox = inSandbox;
    this.onHost = onHost;
    this.report = report;
    this.invocation = invocation;
    this.resource = resource;
    this.resources = resources;
  }

  @Override
  public RuntimeUnderTest runtime() {
    return runtime;
  }

  @Override
  public Measurement measure(Probe probe) {
    return run(probe, inSandbox);
  }

  @Override
  public Measurement host(Probe probe) {
    return run(probe, runtime.isHost() ? inSandbox : onHost.get());
  }

  @Override
  public ComparisonPlan compare(Probe probe) {
    Objects.requireNonNull(probe, "probe");
    return new ComparisonRun(this, probe, resources);
  }

  /** The invocation's report, for the gate that judges what it measured. */
  InvocationReport report() {
    return report;
  }

  /** Where {@link #measure} runs probes; for tests. */
  ProbeContext inSandbox() {
    return inSandbox;
  }

  /**
   * Runs the probe in {@code where} and reports the measurement, as {@link #measure} does; for the
   * trials of a comparison, which bring their own fresh sandbox.
   */
  Measurement run(Probe probe, ProbeContext where) {
    Objects.requireNonNull(probe, "probe");
    Optional<String> unsupported = probe.unsupportedReason(where.runtime());
    if (unsupported.isPresent()) {
      throw new TestAbortedException(
          String.format(
              "Probe %s does not run on %s: %s", probe.name(), where.runtime(), unsupported.get()));
    }
    Measurement measurement;
    MEASURING.lock();
    try (ProbeProgress progress = ProbeProgress.start(probe, where.runtime().id())) {
      Instant start = Instant.now();
      measurement = probe.run(where);
      // a probe that did not say when its timed region ran gets the time around its run, so every
      // histogram log has real timestamps
      measurement = measurement.withTimedRegionIfAbsent(start, Instant.now());
    } finally {
      MEASURING.unlock();
    }
    report.add(measurement);
    invocation.publishReportEntry(
        measurement.probe() + "@" + measurement.runtime(), keyFigures(measurement));
    return measurement;
  }

  /** Writes the comparison to the report and announces its verdicts as a report entry. */
  void report(Comparison comparison) {
    report.add(comparison);
    StringJoiner verdicts = new StringJoiner(" ");
    comparison.figures().forEach(f -> verdicts.add(f.format().replace(' ', '_')));
    invocation.publishReportEntry(
        "compare " + comparison.probe() + "@" + comparison.a() + "/" + comparison.b(),
        verdicts.toString());
  }

  /**
   * Writes a gate's verdicts on {@code comparison}, which this sandbox reported, to the report and
   * announces them as a report entry.
   */
  void reportGate(Comparison comparison, GateResult gate) {
    report.judged(comparison, ComparisonResult.SideBySideGate.of(gate));
    StringJoiner verdicts = new StringJoiner(" ");
    gate.figures()
        .forEach(f -> verdicts.add(f.name() + "=" + f.verdict().name().toLowerCase(Locale.ROOT)));
    invocation.publishReportEntry(
        "gate " + comparison.probe() + "@" + comparison.a() + "/" + comparison.b(),
        verdicts.toString());
  }

  private static String keyFigures(Measurement measurement) {
    StringJoiner figures = new StringJoiner(" ");
    measurement.figures().forEach(figure -> figures.add(figure.format()));
    if (measurement.hasLatency()) {
      figures.add("p50=" + Statistic.formatNanos(measurement.p50Nanos()));
      figures.add("p99=" + Statistic.formatNanos(measurement.nanos(Statistic.P99)));
      figures.add("n=" + measurement.count());
    }
    return figures.toString();
  }

  @Override
  public void close() throws Exception {
    resource.close();
  }

  @Override
  public String toString() {
    return "Sandbox[" + runtime + "]";
  }
}
