/**
 * junit-sandbox: JUnit Jupiter tests that run once per container runtime, measure it, assert on the
 * result and write a report.
 *
 * <p>The exported packages are the API: what test authors use ({@code dev.junitsandbox}, the
 * built-in probes, measurements, assertions, the report model) and what probe authors implement
 * ({@code dev.junitsandbox.probe}). Everything under {@code dev.junitsandbox.internal} (the Jupiter
 * extension, Docker and host plumbing, tool-output parsers, report writers) may change in any
 * release and is not exported. On the class path (as Maven Surefire runs tests by default) the JVM
 * does not enforce this line, so do not import from {@code internal} there either.
 */
module dev.junitsandbox {
  exports dev.junitsandbox;
  exports dev.junitsandbox.probe;
  exports dev.junitsandbox.probe.builtin;
  exports dev.junitsandbox.measure;
  exports dev.junitsandbox.assertj;
  exports dev.junitsandbox.report;
  exports dev.junitsandbox.compare;
  exports dev.junitsandbox.gate;

  // types of these appear in exported signatures: annotations and extension points (JUnit),
  // GenericContainer in RuntimeUnderTest.applyTo (Testcontainers), assert base classes (AssertJ),
  // latency histograms (HdrHistogram)
  requires transitive org.junit.jupiter.api;
  requires transitive testcontainers;
  requires transitive org.assertj.core;
  requires transitive HdrHistogram;
  requires org.junit.platform.launcher;
  requires com.github.dockerjava.api;
  requires com.fasterxml.jackson.databind;
  // comparisons: Mann-Whitney U and medians; no type of theirs is in an exported signature
  requires org.apache.commons.statistics.inference;
  requires org.apache.commons.statistics.descriptive;

  // JUnit instantiates the extension by reflection; Jackson reads and writes the report model
  opens dev.junitsandbox.internal to
      org.junit.platform.commons;
  opens dev.junitsandbox.report to
      com.fasterxml.jackson.databind;
  // the run history's lines and the page's trend: internal records Jackson reads and writes
  opens dev.junitsandbox.internal.report to
      com.fasterxml.jackson.databind;

  provides org.junit.platform.launcher.LauncherSessionListener with
      dev.junitsandbox.internal.DockerApiSessionListener,
      dev.junitsandbox.internal.LeftoversSessionListener;
  provides org.junit.platform.launcher.TestExecutionListener with
      dev.junitsandbox.internal.RunReportListener;
}
