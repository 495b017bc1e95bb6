package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.CRUN;
import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.KATA_CLH;
import static dev.junitsandbox.ContainerRuntime.KATA_FC;
import static dev.junitsandbox.ContainerRuntime.KATA_QEMU;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.ContainerRuntime.RUNSC_KVM;
import static dev.junitsandbox.ContainerRuntime.RUNSC_PTRACE;

import dev.junitsandbox.Runtimes;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The columns of the example study: the host, runc and crun, gVisor's current build on its default
 * platform (systrap) and on ptrace (which Li et al. measured, beside KVM), the older gVisor build
 * Debian 12 ships, registered by runtimes/setup.sh under a name that carries its version (an
 * upgrade compared side by side), and the KVM-based runtimes, which are skipped with the reason
 * where KVM is not usable.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Runtimes(
    value = {HOST, RUNC, CRUN, RUNSC, RUNSC_PTRACE, RUNSC_KVM, KATA_QEMU, KATA_FC, KATA_CLH},
    names = "runsc-20221219")
@interface StudyRuntimes {}
