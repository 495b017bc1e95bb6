package dev.junitsandbox.internal;

import dev.junitsandbox.probe.ProbeContext;

/**
 * A sandbox that probes run in, of whatever kind ({@link SandboxKind}): a host process tree, a
 * Docker container, an Incus container. Closing it removes it with everything a probe started
 * through it; it never throws a checked exception.
 */
interface SandboxContext extends ProbeContext, AutoCloseable {

  @Override
  void close();
}
