package dev.junitsandbox.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes a file through a temporary sibling, so a reader never sees half of it. The temporary name
 * is unique: two forks or modules writing the same report directory must not write through one
 * temporary file (with a fixed name, one writer's rename took the other's half-written file).
 */
final class AtomicFiles {

  private AtomicFiles() {}

  static void write(Path file, Consumer<PrintStream> content) throws IOException {
    // not Files.createTempFile: that makes the file owner-only, and reports are for others to read
    Path temporary =
        file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (PrintStream out =
          new PrintStream(
              Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW),
              false,
              StandardCharsets.UTF_8)) {
        content.accept(out);
        if (out.checkError()) {
          throw new IOException("writing " + temporary + " failed");
        }
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
