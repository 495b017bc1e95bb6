package dev.junitsandbox.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * Fluent assertions over what an {@code EngineTestKit} run reported, after JUnit Pioneer's test
 * kit: {@code assertThat(results).hasNumberOfSucceededTests(1).hasSingleSkippedTest()
 * .withReasonContaining("not registered")}. A failure lists every test and container with its
 * outcome, so the reader sees what did happen.
 */
final class EngineResultsAssert
    extends AbstractAssert<EngineResultsAssert, EngineExecutionResults> {

  private EngineResultsAssert(EngineExecutionResults actual) {
    super(actual, EngineResultsAssert.class);
  }

  static EngineResultsAssert assertThat(EngineExecutionResults actual) {
    return new EngineResultsAssert(actual);
  }

  EngineResultsAssert hasNumberOfStartedTests(int expected) {
    return hasNumberOf("started tests", actual.testEvents().started().list(), expected);
  }

  EngineResultsAssert hasNumberOfSucceededTests(int expected) {
    return hasNumberOf("succeeded tests", actual.testEvents().succeeded().list(), expected);
  }

  EngineResultsAssert hasNumberOfSkippedTests(int expected) {
    return hasNumberOf("skipped tests", actual.testEvents().skipped().list(), expected);
  }

  EngineResultsAssert hasNumberOfFailedTests(int expected) {
    return hasNumberOf("failed tests", actual.testEvents().failed().list(), expected);
  }

  EngineResultsAssert hasNumberOfAbortedTests(int expected) {
    return hasNumberOf("aborted tests", actual.testEvents().aborted().list(), expected);
  }

  /** No test started: the run stopped before any invocation, e.g. on a configuration error. */
  EngineResultsAssert hasNoStartedTests() {
    return hasNumberOfStartedTests(0);
  }

  /** Exactly one test named {@code displayName} ran, and it passed. */
  EngineResultsAssert hasSucceededTest(String displayName) {
    single(
        "succeeded test [" + displayName + "]",
        named(actual.testEvents().succeeded(), displayName));
    return myself;
  }

  /** Exactly one container (class, class pass, template) named {@code displayName} passed. */
  EngineResultsAssert hasSucceededContainer(String displayName) {
    single(
        "succeeded container [" + displayName + "]",
        named(actual.containerEvents().succeeded(), displayName));
    return myself;
  }

  /** Exactly one test named {@code displayName} was skipped. */
  OutcomeAssert hasSkippedTest(String displayName) {
    return single(
        "skipped test [" + displayName + "]", named(actual.testEvents().skipped(), displayName));
  }

  /** Exactly one test named {@code displayName} ran and was aborted (an assumption or abort). */
  OutcomeAssert hasAbortedTest(String displayName) {
    return single(
        "aborted test [" + displayName + "]", named(actual.testEvents().aborted(), displayName));
  }

  /** Exactly one test named {@code displayName} ran and failed. */
  OutcomeAssert hasFailedTest(String displayName) {
    return single(
        "failed test [" + displayName + "]", named(actual.testEvents().failed(), displayName));
  }

  OutcomeAssert hasSingleSkippedTest() {
    return single("skipped test", actual.testEvents().skipped().list());
  }

  OutcomeAssert hasSingleFailedTest() {
    return single("failed test", actual.testEvents().failed().list());
  }

  OutcomeAssert hasSingleFailedContainer() {
    return single("failed container", actual.containerEvents().failed().list());
  }

  /** Every skipped test, for checks that hold for each; fails if none was skipped. */
  OutcomeAssert eachSkippedTest() {
    return some("skipped tests", actual.testEvents().skipped().list());
  }

  /** Every failed test, for checks that hold for each; fails if none failed. */
  OutcomeAssert eachFailedTest() {
    return some("failed tests", actual.testEvents().failed().list());
  }

  private static List<Event> named(Events events, String displayName) {
    return events
        .filter(event -> event.getTestDescriptor().getDisplayName().equals(displayName))
        .toList();
  }

  private EngineResultsAssert hasNumberOf(String what, List<Event> events, int expected) {
    isNotNull();
    if (events.size() != expected) {
      failWithMessage(
          "%nExpecting %s %s%nbut there were %s in:%n%s", expected, what, events.size(), run());
    }
    return myself;
  }

  private OutcomeAssert single(String what, List<Event> events) {
    isNotNull();
    if (events.size() != 1) {
      failWithMessage("%nExpecting one %s%nbut there were %s in:%n%s", what, events.size(), run());
    }
    return new OutcomeAssert(this, what, events);
  }

  private OutcomeAssert some(String what, List<Event> events) {
    isNotNull();
    if (events.isEmpty()) {
      failWithMessage("%nExpecting %s%nbut there were none in:%n%s", what, run());
    }
    return new OutcomeAssert(this, what, events);
  }

  /** One line per finished or skipped test and container, with its outcome. */
  private String run() {
    return actual.allEvents().stream()
        .filter(
            event -> event.getType() == EventType.FINISHED || event.getType() == EventType.SKIPPED)
        .map(EngineResultsAssert::describe)
        .collect(Collectors.joining(System.lineSeparator()));
  }

  private static String describe(Event event) {
    String kind = event.getTestDescriptor().isTest() ? "test" : "container";
    String name = "  " + kind + " [" + event.getTestDescriptor().getDisplayName() + "] ";
    if (event.getType() == EventType.SKIPPED) {
      return name + "SKIPPED: " + event.getPayload(String.class).orElse("");
    }
    TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
    return name
        + result.getStatus()
        + result
            .getThrowable()
            .map(t -> ": " + t.getClass().getSimpleName() + ": " + t.getMessage())
            .orElse("");
  }

  /**
   * The outcome of one or more tests or containers: a skip's reason, a failure's exception. Each
   * check holds for every event; {@link #and()} returns to the whole run.
   */
  static final class OutcomeAssert {

    private final EngineResultsAssert results;
    private final String what;
    private final List<Event> events;

    private OutcomeAssert(EngineResultsAssert results, String what, List<Event> events) {
      this.results = results;
      this.what = what;
      this.events = List.copyOf(events);
    }

    OutcomeAssert withReason(String expected) {
      for (Event event : events) {
        String reason = reason(event);
        if (!reason.equals(expected)) {
          throw fail("reason", "%nto be:%n  %s", reason, expected);
        }
      }
      return this;
    }

    OutcomeAssert withReasonContaining(String... parts) {
      for (Event event : events) {
        String reason = reason(event);
        List<String> missing = missing(reason, parts);
        if (!missing.isEmpty()) {
          throw fail("reason", "%nto contain:%n  %s", reason, missing);
        }
      }
      return this;
    }

    OutcomeAssert withMessage(String expected) {
      for (Event event : events) {
        String message = message(event);
        if (!message.equals(expected)) {
          throw fail("message", "%nto be:%n  %s", message, expected);
        }
      }
      return this;
    }

    OutcomeAssert withMessageStartingWith(String prefix) {
      for (Event event : events) {
        String message = message(event);
        if (!message.startsWith(prefix)) {
          throw fail("message", "%nto start with:%n  %s", message, prefix);
        }
      }
      return this;
    }

    OutcomeAssert withMessageContaining(String... parts) {
      for (Event event : events) {
        String message = message(event);
        List<String> missing = missing(message, parts);
        if (!missing.isEmpty()) {
          throw fail("message", "%nto contain:%n  %s", message, missing);
        }
      }
      return this;
    }

    OutcomeAssert withExceptionInstanceOf(Class<? extends Throwable> type) {
      for (Event event : events) {
        Throwable thrown = throwable(event);
        if (!type.isInstance(thrown)) {
          AssertionError error =
              fail("exception", "%nto be an instance of:%n  %s", thrown, type.getName());
          error.initCause(thrown);
          throw error;
        }
      }
      return this;
    }

    /** Back to the whole run, for further checks. */
    EngineResultsAssert and() {
      return results;
    }

    private String reason(Event event) {
      if (event.getType() != EventType.SKIPPED) {
        throw new AssertionError(what + " was not skipped: " + describe(event));
      }
      return event.getPayload(String.class).orElse("");
    }

    private Throwable throwable(Event event) {
      Optional<Throwable> thrown =
          event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable);
      if (thrown.isEmpty()) {
        throw new AssertionError(what + " threw nothing: " + describe(event));
      }
      return thrown.get();
    }

    private String message(Event event) {
      return String.valueOf(throwable(event).getMessage());
    }

    private static List<String> missing(String text, String... parts) {
      return Arrays.stream(parts).filter(part -> !text.contains(part)).toList();
    }

    private AssertionError fail(String of, String rule, Object actualValue, Object expected) {
      return new AssertionError(
          String.format(
              "%nExpecting the %s of the %s:%n  %s" + rule, of, what, actualValue, expected));
    }
  }
}
