package dev.junitsandbox.probe;

/**
 * What one process (or, summed with {@link #plus}, several) holds in memory, as the kernel counts
 * it in {@code /proc/<pid>/smaps_rollup}. Units are KiB (the kernel's "kB").
 *
 * @param pssKib proportional set size: its private pages plus its share of each page it shares with
 *     other processes; 0 or more
 * @param privateDirtyKib pages only it maps and that were written: what ending it frees; 0 or more
 */
public record ProcessMemory(long pssKib, long privateDirtyKib) {

  /** No memory: the start of a sum. */
  public static final ProcessMemory NONE = new ProcessMemory(0, 0);

  public ProcessMemory {
    if (pssKib < 0 || privateDirtyKib < 0) {
      throw new IllegalArgumentException(
          "memory cannot be negative, but was pssKib="
              + pssKib
              + ", privateDirtyKib="
              + privateDirtyKib);
    }
  }

  /** The sum of this and {@code other}. */
  public ProcessMemory plus(ProcessMemory other) {
    return new ProcessMemory(pssKib + other.pssKib, privateDirtyKib + other.privateDirtyKib);
  }
}
