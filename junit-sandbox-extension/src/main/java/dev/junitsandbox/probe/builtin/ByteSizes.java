package dev.junitsandbox.probe.builtin;

/** Byte counts as people and the workload tools write them. */
final class ByteSizes {

  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;
  static final long GIB = 1024 * MIB;

  private ByteSizes() {}

  /** The largest binary unit that divides {@code bytes}: {@code "64KiB"}, {@code "1MiB"}. */
  static String label(long bytes) {
    if (bytes > 0 && bytes % GIB == 0) {
      return bytes / GIB + "GiB";
    }
    if (bytes > 0 && bytes % MIB == 0) {
      return bytes / MIB + "MiB";
    }
    if (bytes > 0 && bytes % KIB == 0) {
      return bytes / KIB + "KiB";
    }
    return bytes + "B";
  }

  /** The same in fio's and sysbench's short form, lower case: {@code "64k"}, {@code "1m"}. */
  static String shortLabel(long bytes) {
    String label = label(bytes);
    return label.endsWith("iB")
        ? label.substring(0, label.length() - 2).toLowerCase(java.util.Locale.ROOT)
        : label.substring(0, label.length() - 1);
  }
}
