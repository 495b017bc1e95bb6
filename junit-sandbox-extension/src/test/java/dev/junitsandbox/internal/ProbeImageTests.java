package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProbeImageTests {

  private static final Path PROBE_SOURCES = Path.of("..", "runtimes", "probe");

  @Test
  void listsEveryFileOfTheProbeSources() throws IOException {
    try (Stream<Path> files = Files.list(PROBE_SOURCES)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactlyElementsOf(ProbeImage.SOURCES);
    }
  }

  @Test
  void tagsTheImageAsTheSetupScriptDoes() {
    List<String> command = List.of("bash", "-c", "source ../runtimes/setup.sh && probe_image_tag");

    String setupTag = HostProbeContext.run(Duration.ofSeconds(30), command).stdout();

    assertThat(ProbeImage.tag()).matches("junit-sandbox/probe:[0-9a-f]{12}").isEqualTo(setupTag);
  }
}
