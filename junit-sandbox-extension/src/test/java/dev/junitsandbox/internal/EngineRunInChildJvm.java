package dev.junitsandbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Runs a fixture through {@link EngineRuns} in a JVM of its own, with an environment the test
 * chooses: the environment variables a library reads once ({@code DOCKER_HOST}, Testcontainers'
 * own) cannot be changed inside a running JVM, so a run that must see another daemon runs here.
 *
 * <p>The child prints one line per finished or skipped test: {@code <outcome>\t<display
 * name>\t<reason or message>}, line breaks in the message written as {@code \n}.
 */
final class EngineRunInChildJvm {

  private EngineRunInChildJvm() {}

  /** One test's outcome in the child run. */
  record Outcome(String status, String displayName, String message) {}

  /**
   * Runs {@code fixture} in a new JVM on this JVM's class path, with {@code environment} on top of
   * (or, for a {@code null} value, removed from) this JVM's environment.
   */
  static List<Outcome> run(
      Class<?> fixture,
      Path reports,
      Map<String, String> environment,
      Map<String, String> configuration,
      Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EngineRunInChildJvm.class.getName());
    command.add(fixture.getName());
    command.add(reports.toString());
    configuration.forEach((key, value) -> command.add(key + "=" + value));
    ProcessBuilder builder = new ProcessBuilder(command);
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    // to a file, not a pipe: a child that hangs cannot block the reading side past the timeout
    Path stdout = Files.createTempFile("junit-sandbox-child-", ".out");
    String output;
    try {
      builder.redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
      Process child = builder.start();
      try {
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the child JVM did not end within " + timeout);
        }
      } finally {
        child.destroyForcibly();
        child.onExit().join();
      }
      output = Files.readString(stdout);
    } finally {
      Files.deleteIfExists(stdout);
    }
    List<Outcome> outcomes = new ArrayList<>();
    output
        .lines()
        .filter(line -> line.startsWith("OUTCOME\t"))
        .map(line -> line.split("\t", 4))
        .forEach(
            parts -> outcomes.add(new Outcome(parts[1], parts[2], parts[3].replace("\\n", "\n"))));
    return outcomes;
  }

  public static void main(String[] args) throws ClassNotFoundException {
    Class<?> fixture = Class.forName(args[0]);
    Map<String, String> configuration = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      configuration.put(args[i].substring(0, equals), args[i].substring(equals + 1));
    }
    EngineExecutionResults results = EngineRuns.run(fixture, Path.of(args[1]), configuration);
    for (Event event : results.testEvents().list()) {
      String name = event.getTestDescriptor().getDisplayName();
      if (event.getType() == EventType.SKIPPED) {
        print("SKIPPED", name, event.getPayload(String.class).orElse(""));
      } else if (event.getType() == EventType.FINISHED) {
        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
        print(
            result.getStatus().name(),
            name,
            result
                .getThrowable()
                .map(t -> t.getClass().getName() + ": " + t.getMessage())
                .orElse(""));
      }
    }
    System.exit(0);
  }

  private static void print(String status, String name, String message) {
    System.out.println(
        "OUTCOME\t" + status + "\t" + name + "\t" + String.valueOf(message).replace("\n", "\\n"));
  }
}
