package dev.junitsandbox.internal.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writers of one report directory take turns: a lock on {@value #FILE_NAME} in it keeps other
 * JVMs (forks, modules) out, and an in-JVM lock other threads, since a JVM may hold a file's lock
 * only once. The OS releases the file lock when a JVM dies, so a killed fork blocks no one.
 */
final class ReportDirectoryLock implements AutoCloseable {

  static final String FILE_NAME = ".junit-sandbox-report.lock";

  private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

  private final FileChannel channel;
  private final FileLock lock;

  private ReportDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ReportDirectoryLock acquire(Path directory) {
    IN_THIS_JVM.lock();
    FileChannel channel = null;
    try {
      Files.createDirectories(directory);
      channel =
          FileChannel.open(
              directory.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new ReportDirectoryLock(channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      IN_THIS_JVM.unlock();
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "Cannot lock the report directory " + directory + ": " + e, io);
      }
      throw (RuntimeException) e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the report directory's lock: " + e, e);
    } finally {
      IN_THIS_JVM.unlock();
    }
  }
}
