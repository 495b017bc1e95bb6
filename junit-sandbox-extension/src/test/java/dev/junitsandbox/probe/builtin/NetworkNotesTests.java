package dev.junitsandbox.probe.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.ProbeContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The network note of network and HTTP measurements, for each network mode. */
class NetworkNotesTests {

  /** A context that knows only its runtime and network mode: all the note reads. */
  private static ProbeContext context(RuntimeUnderTest runtime, String networkMode) {
    InvocationHandler handler =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "runtime" -> runtime;
              case "networkMode" -> networkMode;
              default -> throw new UnsupportedOperationException(method.getName());
            };
    return (ProbeContext)
        Proxy.newProxyInstance(
            ProbeContext.class.getClassLoader(), new Class<?>[] {ProbeContext.class}, handler);
  }

  @Test
  void saysWhichNetworkModeRan() {
    RuntimeUnderTest runsc = RuntimeUnderTest.docker("runsc-ptrace", "runsc-ptrace");
    RuntimeUnderTest runc = RuntimeUnderTest.docker("runc", "runc");

    assertThat(NetworkNotes.networkMode(context(runsc, "host")))
        .isEqualTo(
            "network: runsc-ptrace --network=host (gVisor's own network stack not in the path)");
    assertThat(NetworkNotes.networkMode(context(runsc, "sandbox")))
        .isEqualTo(
            "network: runsc-ptrace --network=sandbox (gVisor's own network stack in the path, its"
                + " default)");
    assertThat(NetworkNotes.networkMode(context(runc, "container")))
        .isEqualTo(
            "network: runc in the container's own network namespace (the host kernel's network"
                + " stack, over Docker's bridge)");
    assertThat(NetworkNotes.networkMode(context(RuntimeUnderTest.host(), "host")))
        .isEqualTo("network: host (no container; the host kernel's network stack)");
    assertThat(
            NetworkNotes.networkMode(
                context(RuntimeUnderTest.docker("kata-fc", "kata-fc"), "unknown")))
        .isEqualTo("network: kata-fc, network mode unknown");
  }
}
