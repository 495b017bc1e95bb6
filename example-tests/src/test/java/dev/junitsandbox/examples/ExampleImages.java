package dev.junitsandbox.examples;

import java.nio.file.Path;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/** The workload images the examples use, built from runtimes/images/ with Debian's packages. */
final class ExampleImages {

  private ExampleImages() {}

  /** nginx serving a 4 KB page; built once, then served from Docker's build cache. */
  static DockerImageName nginx() {
    String tag =
        new ImageFromDockerfile("junit-sandbox/example-nginx:latest", false)
            .withFileFromPath(".", Path.of("..", "runtimes", "images", "nginx"))
            .get();
    return DockerImageName.parse(tag);
  }
}
