package dev.junitsandbox.internal.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/** Writes a file through a temporary sibling, so a reader never sees half of it. */
final class AtomicFiles {

  private AtomicFiles() {}

  static void write(Path file, Consumer<PrintStream> content) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(temporary), false, StandardCharsets.UTF_8)) {
      content.accept(out);
      if (out.checkError()) {
        throw new IOException("writing " + temporary + " failed");
      }
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
