package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixtures for {@link ParallelExecutionTests}: measuring and functional {@code @Runtimes} tests on
 * the host (no Docker), each recording when it ran.
 */
class ParallelExecutionTestCases {

  /** When something ran, in {@code System.nanoTime()}. */
  record Interval(String what, long start, long end) {
    boolean overlaps(Interval other) {
      return start < other.end && other.start < end;
    }
  }

  static final Queue<Interval> PROBE_RUNS = new ConcurrentLinkedQueue<>();
  static final Queue<Interval> MEASURING_TESTS = new ConcurrentLinkedQueue<>();
  static final Queue<Interval> FUNCTIONAL_TESTS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger RUNNING_PROBES = new AtomicInteger();

  /** Two functional tests pass it only if they run at the same time. */
  static volatile CyclicBarrier functionalPair = new CyclicBarrier(2);

  static void reset() {
    PROBE_RUNS.clear();
    MEASURING_TESTS.clear();
    FUNCTIONAL_TESTS.clear();
    RUNNING_PROBES.set(0);
    functionalPair = new CyclicBarrier(2);
  }

  /**
   * Waits up to 300 ms for a second probe to start beside it, so that probes that can overlap do,
   * every time, and records when it ran.
   */
  static final class OverlapSeekingProbe implements Probe {

    @Override
    public String name() {
      return "overlap-seeking";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of();
    }

    @Override
    public Measurement run(ProbeContext context) {
      long start = System.nanoTime();
      RUNNING_PROBES.incrementAndGet();
      try {
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(300);
        while (RUNNING_PROBES.get() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        RUNNING_PROBES.decrementAndGet();
        PROBE_RUNS.add(new Interval(Thread.currentThread().getName(), start, System.nanoTime()));
      }
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .figure(new Figure("runs", "1", 1, Figure.Better.HIGHER, List.of()))
          .build();
    }
  }

  private static void measureTwice(String name, Sandbox sandbox) {
    long start = System.nanoTime();
    sandbox.measure(new OverlapSeekingProbe());
    sandbox.host(new OverlapSeekingProbe());
    MEASURING_TESTS.add(new Interval(name, start, System.nanoTime()));
  }

  private static void functional(String name) throws Exception {
    long start = System.nanoTime();
    functionalPair.await(10, TimeUnit.SECONDS);
    FUNCTIONAL_TESTS.add(new Interval(name, start, System.nanoTime()));
  }

  @Fixture
  static class Measuring {
    @Runtimes(HOST)
    void first(Sandbox sandbox) {
      measureTwice("first", sandbox);
    }

    @Runtimes(HOST)
    void second(Sandbox sandbox) {
      measureTwice("second", sandbox);
    }

    @Runtimes(HOST)
    void third(Sandbox sandbox) {
      measureTwice("third", sandbox);
    }

    @Runtimes(HOST)
    void fourth(Sandbox sandbox) {
      measureTwice("fourth", sandbox);
    }
  }

  /**
   * Functional tests that pass only if they run at the same time. Run without measuring tests: a
   * test that holds the shared lock while it waits for another would keep a measuring test, and
   * every test queued behind it, waiting.
   */
  @Fixture
  static class Functional {
    @Runtimes(HOST)
    void checksOne(RuntimeUnderTest runtime) throws Exception {
      functional("checksOne");
    }

    @Runtimes(HOST)
    void checksAnother(RuntimeUnderTest runtime) throws Exception {
      functional("checksAnother");
    }
  }

  /** Functional tests that do not wait for each other, to run beside measuring ones. */
  @Fixture
  static class FunctionalBeside {
    @Runtimes(HOST)
    void checksOne(RuntimeUnderTest runtime) throws Exception {
      long start = System.nanoTime();
      Thread.sleep(100);
      FUNCTIONAL_TESTS.add(new Interval("checksOne", start, System.nanoTime()));
    }

    @Runtimes(HOST)
    void checksAnother(RuntimeUnderTest runtime) throws Exception {
      long start = System.nanoTime();
      Thread.sleep(100);
      FUNCTIONAL_TESTS.add(new Interval("checksAnother", start, System.nanoTime()));
    }
  }

  /** Measures from two threads of its own: only the JVM-wide lock keeps those probes apart. */
  @Fixture
  static class MeasuringFromTwoThreads {
    @Runtimes(HOST)
    void twoThreads(Sandbox sandbox) throws Exception {
      Thread other = new Thread(() -> sandbox.measure(new OverlapSeekingProbe()));
      other.start();
      sandbox.measure(new OverlapSeekingProbe());
      other.join(10_000);
    }
  }
}
