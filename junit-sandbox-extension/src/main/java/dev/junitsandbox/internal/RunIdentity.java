package dev.junitsandbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who made a file, a container or a host process: the run (one engine execution of the tests,
 * {@link #runId()}) and the JVM it ran in ({@link Owner}). Every container the library starts
 * carries both as labels ({@value #RUN_LABEL}, {@value #OWNER_LABEL}), every host process both in
 * its environment ({@value #RUN_VARIABLE}, {@value #OWNER_VARIABLE}), and every {@code
 * invocation.json} the run id. {@link Leftovers} removes what belongs to an owner that is dead.
 */
public record RunIdentity(String runId, Owner owner) {

  /** The label every container junit-sandbox starts carries; its value says what for. */
  public static final String LABEL = "dev.junitsandbox";

  /** The label every container of a run carries: the run id. */
  public static final String RUN_LABEL = "dev.junitsandbox.run";

  /** The label every container of a run carries: the JVM that started it, see {@link Owner}. */
  public static final String OWNER_LABEL = "dev.junitsandbox.owner";

  /** The environment variable every host process of a run carries: the run id. */
  public static final String RUN_VARIABLE = "JUNIT_SANDBOX_RUN";

  /** The environment variable every host process of a run carries: the owning JVM. */
  public static final String OWNER_VARIABLE = "JUNIT_SANDBOX_OWNER";

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private static volatile RunIdentity current;

  public RunIdentity {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * Starts a new run in this JVM: a new id (the time, so ids sort, and random digits, so runs
   * started in the same second differ), which {@link #current()} answers from now on.
   */
  public static synchronized RunIdentity begin() {
    String id =
        ZonedDateTime.now(ZoneOffset.UTC).format(ID_TIME)
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    current = new RunIdentity(id, Owner.self());
    return current;
  }

  /**
   * The run this JVM is in: the last one {@link #begin() begun}, or a new one. Code that has no
   * {@code ExtensionContext} (the host-process runner, the container launcher) labels with it.
   */
  public static RunIdentity current() {
    RunIdentity run = current;
    return run != null ? run : begin();
  }

  /** The labels a container of this run carries. */
  public Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RUN_LABEL, runId);
    labels.put(OWNER_LABEL, owner.text());
    return labels;
  }

  /** {@link #labels()} plus {@code key=value}. */
  public Map<String, String> labelsWith(String key, String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(key, value);
    labels.putAll(labels());
    return labels;
  }

  /** The environment variables a host process of this run carries. */
  public Map<String, String> environment() {
    return Map.of(RUN_VARIABLE, runId, OWNER_VARIABLE, owner.text());
  }

  /**
   * A JVM, identified so that a reused pid is never taken for it: the kernel's boot id, the pid
   * namespace it runs in, its pid, and its start time in clock ticks since boot (field 22 of {@code
   * /proc/<pid>/stat}). Whether it is alive can only be decided on the same boot and in the same
   * pid namespace; an owner from elsewhere (another machine sharing the daemon, a JVM in a
   * container) counts as alive.
   *
   * @param bootId {@code /proc/sys/kernel/random/boot_id}
   * @param pidNamespace the target of {@code /proc/self/ns/pid}, e.g. {@code pid:[4026531836]}
   * @param pid the process id
   * @param startTicks its start time, clock ticks after boot
   */
  public record Owner(String bootId, String pidNamespace, long pid, long startTicks) {

    public Owner {
      Objects.requireNonNull(bootId, "bootId");
      Objects.requireNonNull(pidNamespace, "pidNamespace");
      if (bootId.contains("/") || pidNamespace.contains("/")) {
        throw new IllegalArgumentException(
            "boot id and pid namespace must not contain '/': " + bootId + ", " + pidNamespace);
      }
    }

    private static final Owner SELF = readSelf();

    /** This JVM. */
    public static Owner self() {
      return SELF;
    }

    private static Owner readSelf() {
      long pid = ProcessHandle.current().pid();
      return new Owner(readBootId(), readPidNamespace(), pid, ProcStat.startTicks(pid).orElse(-1L));
    }

    private static String readBootId() {
      try {
        return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.UTF_8)
            .strip();
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }

    private static String readPidNamespace() {
      try {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }

    /** The text labels and environment variables hold: {@code bootId/pidNamespace/pid/ticks}. */
    public String text() {
      return bootId + "/" + pidNamespace + "/" + pid + "/" + startTicks;
    }

    /** The owner {@code text} names, or empty if it is not one. */
    public static Optional<Owner> parse(String text) {
      if (text == null) {
        return Optional.empty();
      }
      String[] parts = text.split("/", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Owner(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3])));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    /**
     * Whether this JVM can tell that the owner has ended: it ran on this boot, in this pid
     * namespace, and no process of its pid with its start time exists now.
     */
    public boolean isDeadHere() {
      Owner self = self();
      if (self.bootId.equals("unknown")
          || !bootId.equals(self.bootId)
          || !pidNamespace.equals(self.pidNamespace)
          || startTicks < 0) {
        return false;
      }
      return !ProcStat.startTicks(pid).map(ticks -> ticks == startTicks).orElse(false);
    }
  }
}
