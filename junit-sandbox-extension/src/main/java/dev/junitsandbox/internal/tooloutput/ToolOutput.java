package dev.junitsandbox.internal.tooloutput;

/** Helpers for quoting what a workload tool printed in error messages. */
public final class ToolOutput {

  private static final int TAIL_CHARS = 2_000;

  private ToolOutput() {}

  /** The last lines of a tool's output: enough to see the error, not the whole log. */
  public static String tail(String output) {
    String stripped = output.strip();
    return stripped.length() <= TAIL_CHARS
        ? stripped
        : "..." + stripped.substring(stripped.length() - TAIL_CHARS);
  }
}
