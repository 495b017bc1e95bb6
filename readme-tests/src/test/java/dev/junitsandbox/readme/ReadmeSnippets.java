package dev.junitsandbox.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a README that are marked for the README tests: a fenced block preceded by an
 * HTML comment {@code <!-- readme-test: NAME -->}, which Markdown renderers do not show.
 */
final class ReadmeSnippets {

  private static final Pattern MARKER =
      Pattern.compile("^\\s*<!--\\s*readme-test:\\s*([A-Za-z0-9-]+)\\s*-->\\s*$");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,})\\s*([A-Za-z0-9-]*)\\s*$");

  private final String source;
  private final Map<String, String> blocks;

  private ReadmeSnippets(String source, Map<String, String> blocks) {
    this.source = source;
    this.blocks = blocks;
  }

  /** Reads the marked blocks of a README file. */
  static ReadmeSnippets read(Path readme) {
    try {
      return parse(readme.toString(), Files.readString(readme));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + readme, e);
    }
  }

  /**
   * Finds every marked block in {@code markdown}; {@code source} names it in error messages.
   *
   * @throws IllegalArgumentException if a marker is not followed by a fenced block, a block is not
   *     closed, or two blocks carry the same name
   */
  static ReadmeSnippets parse(String source, String markdown) {
    List<String> lines = markdown.lines().toList();
    Map<String, String> blocks = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i));
      if (!marker.matches()) {
        continue;
      }
      String name = marker.group(1);
      int markerLine = i + 1;
      int open = i + 1;
      while (open < lines.size() && lines.get(open).isBlank()) {
        open++;
      }
      Matcher fence = open < lines.size() ? FENCE.matcher(lines.get(open)) : null;
      if (fence == null || !fence.matches()) {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d: the marker <!-- readme-test: %s --> must stand on the line before a"
                    + " fenced code block (```), but the next line is %s. Move the marker to the"
                    + " line before the block's opening fence.",
                source,
                markerLine,
                name,
                open < lines.size() ? "'" + lines.get(open) + "'" : "the end of the file"));
      }
      String indent = fence.group(1);
      String closing = fence.group(2);
      List<String> body = new ArrayList<>();
      int close = open + 1;
      while (close < lines.size() && !lines.get(close).strip().equals(closing)) {
        String line = lines.get(close);
        body.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
        close++;
      }
      if (close == lines.size()) {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d: the block marked readme-test: %s is never closed; end it with %s",
                source, open + 1, name, closing));
      }
      if (blocks.putIfAbsent(name, String.join("\n", body) + "\n") != null) {
        throw new IllegalArgumentException(
            String.format(
                "%s line %d: a second block is marked readme-test: %s; each marker names one"
                    + " block, so rename or remove one of them",
                source, markerLine, name));
      }
      i = close;
    }
    return new ReadmeSnippets(source, Map.copyOf(blocks));
  }

  /**
   * The text of the block marked {@code name}, without its fences, ending in a line break.
   *
   * @throws IllegalArgumentException if no block carries that name
   */
  String block(String name) {
    String block = blocks.get(name);
    if (block == null) {
      throw new IllegalArgumentException(
          String.format(
              "%s has no code block marked <!-- readme-test: %s --> (it has %s). The README tests"
                  + " build a user's project from that block: put the marker on the line before"
                  + " the block's opening ```.",
              source, name, blocks.keySet().stream().sorted().toList()));
    }
    return block;
  }
}
