package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.report.RuntimeDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each runtime's description: binary, version, platform and network mode. */
class EnvironmentCaptureTests {

  // `runsc flags` of Debian 12's build (0.0~20221219), as it prints them (on stderr)
  private static final String FLAGS_2022 =
      "  -overlay2 value\n"
          + "    \tspecifies the overlay option to use. (default root:self)\n"
          + "  -platform string\n"
          + "    \tspecifies which platform to use: ptrace (default), kvm. (default \"ptrace\")\n"
          + "  -platform_device_path string\n"
          + "    \tpath to a platform-specific device file (e.g. /dev/kvm for KVM platform). If"
          + " unset, will use a sane platform-specific default.\n";
  // the same flag of the 2024 builds, whose default is systrap
  private static final String FLAGS_2024 =
      "  -platform string\n"
          + "    \tspecifies which platform to use: systrap (default), ptrace, kvm. (default"
          + " \"systrap\")\n"
          + "  -platform_device_path string\n";

  private static DockerDaemon daemon(String endpoint, String name, String path, String... args) {
    return new DockerDaemon(
        endpoint,
        null,
        "20.10",
        "1.41",
        "kernel",
        "os",
        Map.of(name, new DockerDaemon.RegisteredRuntime(path, List.of(args))));
  }

  @Test
  void readsTheMachinesMemoryFromMeminfoAndZeroWhereItCannot() throws Exception {
    // GIVEN /proc/meminfo as Linux writes it, one without MemTotal, and none
    Path meminfo = Files.createTempFile("meminfo", ".txt");
    Path broken = Files.createTempFile("meminfo", ".txt");
    try {
      Files.writeString(meminfo, "MemTotal:        4026116 kB\nMemFree:          123456 kB\n");
      Files.writeString(broken, "MemFree:          123456 kB\n");

      // THEN bytes, or 0 (unknown)
      assertThat(EnvironmentCapture.memoryBytes(meminfo)).isEqualTo(4026116L * 1024);
      assertThat(EnvironmentCapture.memoryBytes(broken)).isZero();
      assertThat(EnvironmentCapture.memoryBytes(meminfo.resolveSibling("no-such-meminfo")))
          .isZero();
      assertThat(EnvironmentCapture.memoryBytes(Path.of("/proc/meminfo"))).isPositive();
    } finally {
      Files.delete(meminfo);
      Files.delete(broken);
    }
  }

  @Test
  void readsTheDefaultPlatformOfEachGvisorBuild() {
    assertThat(EnvironmentCapture.defaultPlatform(FLAGS_2022)).hasValue("ptrace");
    assertThat(EnvironmentCapture.defaultPlatform(FLAGS_2024)).hasValue("systrap");
    assertThat(EnvironmentCapture.defaultPlatform("  -network value\n")).isEmpty();
  }

  @Test
  void readsFlagsAsRunscDoesTheLastOneWinning() {
    assertThat(EnvironmentCapture.flagValue(List.of("--network=host"), "network")).hasValue("host");
    assertThat(EnvironmentCapture.flagValue(List.of("-platform", "kvm"), "platform"))
        .hasValue("kvm");
    assertThat(
            EnvironmentCapture.flagValue(
                List.of("--platform=ptrace", "--platform=systrap"), "platform"))
        .hasValue("systrap");
    assertThat(EnvironmentCapture.flagValue(List.of("--platform_device_path=/x"), "platform"))
        .isEmpty();
  }

  @Test
  void describesTheHostAndAnUnregisteredRuntime() {
    DockerDaemon daemon = daemon("unix:///x.sock", "runc", "runc");

    RuntimeDescription host = EnvironmentCapture.describe(RuntimeUnderTest.host(), daemon);
    RuntimeDescription missing =
        EnvironmentCapture.describe(RuntimeUnderTest.docker("crun", "crun"), daemon);

    assertThat(host.platform()).isEqualTo("native");
    assertThat(host.networkMode()).isEqualTo("host");
    assertThat(missing.platform()).isNull();
    assertThat(missing.networkMode()).isNull();
  }

  @Test
  void takesGvisorsPlatformAndNetworkFromItsRuntimeArguments() {
    // GIVEN a daemon on another machine: nothing is run, the arguments say it all
    DockerDaemon daemon =
        daemon(
            "tcp://elsewhere:2376",
            "runsc-ptrace",
            "/opt/junit-sandbox/gvisor/20240729/runsc",
            "--platform=ptrace",
            "--network=host");

    // WHEN
    RuntimeDescription runsc =
        EnvironmentCapture.describe(
            RuntimeUnderTest.docker("runsc-ptrace", "runsc-ptrace"), daemon);

    // THEN gVisor known by its binary's name, as its version could not be asked
    assertThat(runsc.version()).isEqualTo("unknown");
    assertThat(runsc.platform()).isEqualTo("ptrace");
    assertThat(runsc.networkMode()).isEqualTo("host");
  }

  @Test
  void asksALocalGvisorForItsDefaultPlatformAndDefaultsItsNetworkToTheSandbox() {
    // GIVEN a gVisor on this machine registered without --platform and --network
    Path runsc = Path.of("/usr/bin/runsc");
    assumeThat(runsc).as("Debian's runsc installed").isExecutable();
    DockerDaemon daemon = daemon("unix:///x.sock", "runsc", runsc.toString());

    // WHEN
    RuntimeDescription description =
        EnvironmentCapture.describe(RuntimeUnderTest.docker("runsc", "runsc"), daemon);

    // THEN every gVisor build defaults to ptrace or systrap
    assertThat(description.version()).startsWith("runsc version ");
    assertThat(description.platform()).isIn("ptrace", "systrap");
    assertThat(description.networkMode()).isEqualTo("sandbox");
  }

  @Test
  void describesRuncAsNativeInTheContainersNetwork() {
    assumeThat(
            Files.isExecutable(Path.of("/usr/sbin/runc"))
                || Files.isExecutable(Path.of("/usr/bin/runc")))
        .as("runc installed")
        .isTrue();
    DockerDaemon daemon = daemon("unix:///x.sock", "runc", "runc");

    RuntimeDescription runc =
        EnvironmentCapture.describe(RuntimeUnderTest.docker("runc", "runc"), daemon);

    assertThat(runc.version()).startsWith("runc version ");
    assertThat(runc.platform()).isEqualTo("native");
    assertThat(runc.networkMode()).isEqualTo("container");
  }
}
