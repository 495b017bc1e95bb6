package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value of the run is kept once made, and a failure is not: once with a real transient failure
 * (the compiler appears on the machine between two invocations), once by the cache's structure
 * (suppliers that fail, then succeed, or keep failing).
 */
class CachedOnSuccessTests {

  @TempDir Path scratch;

  @Test
  void triesAgainAfterARealTransientFailureAndKeepsTheSuccess() throws IOException {
    // GIVEN the HOST binary's source as a run sees it, while the compiler is not installed yet
    Path compiler = scratch.resolve("bin/cc");
    Files.createDirectories(compiler.getParent());
    DockerDaemon down = DockerDaemon.query("unix://" + scratch.resolve("no-daemon.sock"));
    HostProbeBinary source =
        new HostProbeBinary(scratch.resolve("cache"), Optional.of(compiler), down, () -> "unused");
    AtomicInteger attempts = new AtomicInteger();
    CachedOnSuccess<Path> binary =
        new CachedOnSuccess<>(
            "the HOST probe binary",
            () -> {
              attempts.incrementAndGet();
              return source.resolve();
            });

    // WHEN the first invocation asks
    assertThatThrownBy(binary::get)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("building it from source failed")
        .hasMessageContaining(compiler.toString());

    // AND the compiler is installed, then two more invocations ask
    Files.createSymbolicLink(
        compiler, HostProbeBinary.findCompiler(System.getenv("PATH")).orElseThrow());
    Path second = binary.get();
    Files.delete(compiler);
    Path third = binary.get();

    // THEN the second made the binary, and the third got it without a new attempt
    assertThat(second).isExecutable();
    assertThat(third).isEqualTo(second);
    assertThat(attempts).hasValue(2);
  }

  @Test
  void aFailureIsNotKeptButASuccessIs() {
    // GIVEN
    AtomicInteger attempts = new AtomicInteger();
    CachedOnSuccess<String> image =
        new CachedOnSuccess<>(
            "the probe image",
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the mirror timed out");
              }
              return "junit-sandbox/probe:0123456789ab";
            });

    // WHEN / THEN the first caller sees the failure as it was thrown, the second a new attempt
    assertThatThrownBy(image::get)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the mirror timed out");
    assertThat(image.get()).isEqualTo("junit-sandbox/probe:0123456789ab");
    assertThat(image.get()).isEqualTo("junit-sandbox/probe:0123456789ab");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void givesUpAfterTheBoundAndSaysSo() {
    // GIVEN
    AtomicInteger attempts = new AtomicInteger();
    CachedOnSuccess<String> image =
        new CachedOnSuccess<>(
            "the probe image",
            () -> {
              throw new IllegalStateException("attempt " + attempts.incrementAndGet() + " failed");
            });

    // WHEN the bound is used up
    for (int attempt = 1; attempt <= CachedOnSuccess.MAX_ATTEMPTS; attempt++) {
      assertThatThrownBy(image::get).hasMessage("attempt " + attempt + " failed");
    }

    // THEN later callers fail at once, without another attempt, saying why
    assertThatThrownBy(image::get)
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "Gave up on the probe image after 3 failed attempts in this run; the next run tries"
                + " again. The last failure: attempt 3 failed")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(CachedOnSuccess.MAX_ATTEMPTS);
  }
}
