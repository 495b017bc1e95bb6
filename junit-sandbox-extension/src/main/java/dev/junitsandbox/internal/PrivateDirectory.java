package dev.junitsandbox.internal;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories only the current user can write, for what the library executes (the host's probe
 * binary) and for its record of host processes to kill ({@link RunState}). Why: a build that runs
 * as root and executes a file another user could have put there runs that user's code as root, and
 * one that kills the pids another user wrote down kills that user's choice of processes.
 *
 * <p>A private directory is created owner-only ({@code 0700}) and checked before anything in it is
 * used: it is a real directory (not a symbolic link), owned by the current user, and writable by
 * nobody else; every directory above it belongs to root or to the current user and is writable by
 * nobody else, unless it has the sticky bit (as {@code /tmp} has), so nobody else can rename it
 * away either. A file in it is checked the same way before it is executed. Anything else is refused
 * with what was found and the fix, never repaired silently: something other than this library made
 * it so.
 */
final class PrivateDirectory {

  /**
   * What a private directory is for, as its messages say it: what is refused, and the variable that
   * points the library at another directory.
   */
  enum Use {
    /** The host's probe binary, under {@link #userCache()}. */
    EXECUTABLES("execute anything from", "XDG_CACHE_HOME"),
    /** The record of host processes to stop, under {@link RunState#root()}. */
    RUN_STATE("keep the record of host processes in", "XDG_STATE_HOME");

    private final String refusal;
    private final String variable;

    Use(String refusal, String variable) {
      this.refusal = refusal;
      this.variable = variable;
    }
  }

  private static final int GROUP_OR_OTHER_WRITE = 0022;
  private static final int STICKY = 01000;
  private static final int ROOT = 0;

  private PrivateDirectory() {}

  /**
   * The current user's cache directory for junit-sandbox: {@code $XDG_CACHE_HOME/junit-sandbox}, or
   * {@code ~/.cache/junit-sandbox} when that variable is unset (as the XDG base directory
   * specification says). Not created here.
   */
  static Path userCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "junit-sandbox");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "junit-sandbox");
  }

  /**
   * Creates {@code directory} owner-only if it is absent (missing parents too), then checks it, for
   * {@link Use#EXECUTABLES}.
   *
   * @return {@code directory}
   * @throws ProbeException if it or a directory above it breaks the rules, naming which and why
   */
  static Path ensure(Path directory) {
    return ensure(directory, Use.EXECUTABLES);
  }

  /**
   * Creates {@code directory} owner-only if it is absent (missing parents too), then checks it.
   *
   * @return {@code directory}
   * @throws ProbeException if it or a directory above it breaks the rules, naming which and why
   */
  static Path ensure(Path directory, Use use) {
    Path absolute = directory.toAbsolutePath().normalize();
    int me = currentUid();
    try {
      Files.createDirectories(
          absolute.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      checkAncestors(absolute, absolute.getParent().toRealPath(), me, use);
      try {
        Files.createDirectory(
            absolute,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (FileAlreadyExistsException existing) {
        // made by an earlier run, or by someone else: the check below tells which
      }
      check(absolute, absolute, me, true, use);
      return absolute;
    } catch (IOException e) {
      throw new ProbeException(
          String.format(
              "Cannot create the private directory %s: %s. Fix: make its parent writable by you,"
                  + " or set %s to a directory that is.",
              absolute, e, use.variable),
          e);
    }
  }

  /**
   * Checks a file in a private directory before it is executed: a regular file (not a symbolic
   * link), owned by the current user, writable by nobody else.
   *
   * @throws ProbeException if it is not, naming what was found and the fix
   */
  static void checkFile(Path file) {
    try {
      check(file, file, currentUid(), false, Use.EXECUTABLES);
    } catch (IOException e) {
      throw new ProbeException("Cannot check " + file + " before executing it: " + e, e);
    }
  }

  private static void check(Path checked, Path path, int me, boolean directory, Use use)
      throws IOException {
    if (Files.isSymbolicLink(path)) {
      throw refused(
          checked,
          path + " is a symbolic link (to " + Files.readSymbolicLink(path) + ")",
          "rm " + path,
          use);
    }
    boolean isDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    if (directory ? !isDirectory : !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(
          checked,
          path + " is not a " + (directory ? "directory" : "regular file"),
          "rm -r " + path,
          use);
    }
    int owner = uid(path);
    if (owner != me) {
      throw refused(
          checked,
          String.format(
              "%s is owned by %s (uid %d), not by the user running the tests (uid %d)",
              path, Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName(), owner, me),
          "rm -r " + path,
          use);
    }
    int mode = mode(path);
    if ((mode & GROUP_OR_OTHER_WRITE) != 0) {
      throw refused(
          checked,
          String.format("%s is writable by group or others (mode %04o)", path, mode & 07777),
          "rm -r " + path,
          use);
    }
  }

  private static void checkAncestors(Path checked, Path parent, int me, Use use)
      throws IOException {
    for (Path ancestor = parent; ancestor != null; ancestor = ancestor.getParent()) {
      int owner = uid(ancestor);
      int mode = mode(ancestor);
      boolean ownerTrusted = owner == ROOT || owner == me;
      boolean othersCannotReplace = (mode & GROUP_OR_OTHER_WRITE) == 0 || (mode & STICKY) != 0;
      if (!ownerTrusted || !othersCannotReplace) {
        throw new ProbeException(
            String.format(
                "Refusing to %s %s: the directory above it, %s, is owned by %s"
                    + " (uid %d) with mode %04o, so another user could replace what is below it."
                    + " Rule: every directory above a private one belongs to root or to you and is"
                    + " writable by nobody else, or has the sticky bit (as /tmp). Fix: chmod go-w"
                    + " %s (or give it to root or to you), or set %s to a directory"
                    + " that follows the rule.",
                use.refusal,
                checked,
                ancestor,
                Files.getOwner(ancestor).getName(),
                owner,
                mode & 07777,
                ancestor,
                use.variable));
      }
    }
  }

  private static ProbeException refused(Path checked, String found, String fix, Use use) {
    return new ProbeException(
        String.format(
            "Refusing to %s %s: %s. junit-sandbox creates its private"
                + " directories owner-only (0700) and trusts nothing that another user could"
                + " have written, so something else created or changed this. Fix: find out who"
                + " did, then %s; junit-sandbox creates it again as it should be.",
            use.refusal, checked, found, fix));
  }

  private static int uid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  private static int mode(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
  }

  /** The effective user id of this JVM: the owner of {@code /proc/self}, or of a new file. */
  static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException noProc) {
      try {
        Path probe = Files.createTempFile("junit-sandbox-uid-", "");
        try {
          return uid(probe);
        } finally {
          Files.deleteIfExists(probe);
        }
      } catch (IOException e) {
        throw new ProbeException("Cannot tell which user runs the tests: " + e, e);
      }
    }
  }
}
