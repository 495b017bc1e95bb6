package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.report.RuntimeDescription;
import java.util.List;
import java.util.Optional;

/**
 * One kind of sandbox the extension knows how to make: host processes ({@link HostSandboxes}),
 * Docker containers under a registered runtime ({@link DockerSandboxes}), Incus system containers
 * ({@link IncusSandboxes}). {@link RunResources} picks the kind of each runtime once, and
 * everything that differs between the kinds is behind this interface: whether the runtime can run
 * here, how it is described in the report, how a sandbox is made, and how a person reproduces a
 * command in one by hand.
 */
interface SandboxKind {

  /** Why {@code runtime} cannot run here, with the fix, or empty if it can. */
  Optional<String> unavailableReason(RuntimeUnderTest runtime);

  /** {@code runtime} as the report describes it: version, platform, network mode. */
  RuntimeDescription describe(RuntimeUnderTest runtime);

  /**
   * A fresh sandbox of {@code runtime}; the caller closes it.
   *
   * @throws dev.junitsandbox.probe.ProbeException if it cannot be made, saying why
   */
  SandboxContext open(RuntimeUnderTest runtime);

  /** The command line a person runs to do {@code command} in such a sandbox by hand. */
  String reproduce(RuntimeUnderTest runtime, List<String> command);
}
