package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KVM check on real files: a {@code cpuinfo} in {@code /proc/cpuinfo}'s format and a stand-in
 * for {@code /dev/kvm} (a regular file opens read-write like the device; a directory does not).
 */
class KvmCheckTests {

  static final String X86_WITHOUT_VIRTUALISATION =
      "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)\n"
          + "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep hypervisor lahf_lm\n\n"
          + "processor\t: 1\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep hypervisor\n";
  static final String X86_WITH_VMX =
      "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr pae vmx ept vpid hypervisor\n";
  private static final String ARM64 =
      "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2\n";

  @TempDir Path dir;

  static Path file(Path dir, String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aDeviceWithoutTheCpuFlagIsNotUsableAndSaysWhy() throws IOException {
    // GIVEN a device stand-in that opens, and a CPU without vmx or svm (as on this machine)
    Path cpuinfo = file(dir, "cpuinfo", X86_WITHOUT_VIRTUALISATION);
    Path device = file(dir, "kvm", "");

    // WHEN
    KvmCheck check = KvmCheck.check(cpuinfo, device);

    // THEN
    assertThat(check.usable()).isFalse();
    assertThat(check.finding())
        .isEqualTo(
            device
                + " exists but this CPU shows no vmx or svm flag in "
                + cpuinfo
                + " (no hardware virtualisation offered to this machine)");
    assertThat(check.fix()).contains("vmx or svm", "nested virtualisation");
  }

  @Test
  void aDeviceThatOpensWithTheCpuFlagIsUsable() throws IOException {
    KvmCheck check = KvmCheck.check(file(dir, "cpuinfo", X86_WITH_VMX), file(dir, "kvm", ""));

    assertThat(check.usable()).isTrue();
    assertThat(check.finding()).contains("opens read-write", "shows the vmx or svm flag");
    assertThat(check.fix()).isEmpty();
  }

  @Test
  void aMissingDeviceIsNotUsableEvenWithTheCpuFlag() throws IOException {
    Path device = dir.resolve("no-such-kvm");

    KvmCheck check = KvmCheck.check(file(dir, "cpuinfo", X86_WITH_VMX), device);

    assertThat(check.usable()).isFalse();
    assertThat(check.finding()).startsWith("there is no " + device + ", and the CPU shows the vmx");
    assertThat(check.fix()).contains("modprobe kvm_intel");
  }

  @Test
  void aDeviceThatCannotBeOpenedReadWriteIsNotUsable() throws IOException {
    // GIVEN a directory: even root cannot open it for writing
    Path device = Files.createDirectory(dir.resolve("kvm"));

    KvmCheck check = KvmCheck.check(file(dir, "cpuinfo", X86_WITH_VMX), device);

    assertThat(check.usable()).isFalse();
    assertThat(check.finding())
        .startsWith(device + " exists but cannot be opened read-write by this user (");
    assertThat(check.fix()).contains("kvm group");
  }

  @Test
  void withoutX86FlagsTheDeviceDecidesAlone() throws IOException {
    // GIVEN an arm64 cpuinfo: KVM there shows no CPU flag
    KvmCheck check = KvmCheck.check(file(dir, "cpuinfo", ARM64), file(dir, "kvm", ""));

    assertThat(check.usable()).isTrue();
    assertThat(check.finding()).contains("no CPU flags to check in");
  }

  @Test
  void onThisMachineTheDeviceExistsButTheCpuOffersNoVirtualisation() throws IOException {
    // GIVEN this machine's facts (a VM offered no hardware virtualisation, with a /dev/kvm)
    assumeThat(Path.of("/dev/kvm")).as("this machine has /dev/kvm").exists();
    assumeThat(Files.readString(Path.of("/proc/cpuinfo")))
        .as("this machine's CPU flags")
        .contains("flags")
        .doesNotContainPattern("\\b(vmx|svm)\\b");

    // WHEN
    KvmCheck check = KvmCheck.onThisHost();

    // THEN
    assertThat(check.usable()).isFalse();
    assertThat(check.finding())
        .isEqualTo(
            "/dev/kvm exists but this CPU shows no vmx or svm flag in /proc/cpuinfo (no hardware"
                + " virtualisation offered to this machine)");
  }
}
