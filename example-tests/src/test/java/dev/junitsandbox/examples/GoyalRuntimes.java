package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.CRUN;
import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.INCUS;
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
 * The study's columns ({@link StudyRuntimes}) plus Incus system containers, the fourth system of
 * Goyal's study ("Performance Evaluation of Lightweight Virtualization Technologies": runc, runsc,
 * Firecracker, Incus): for his measurements (CPU, memory, file I/O) and for system calls and
 * startup, which Li et al. measured. {@code INCUS} is skipped with the reason where
 * runtimes/setup.sh could not set Incus up.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Runtimes(
    value = {HOST, RUNC, CRUN, RUNSC, RUNSC_PTRACE, RUNSC_KVM, KATA_QEMU, KATA_FC, KATA_CLH, INCUS},
    names = "runsc-20221219")
@interface GoyalRuntimes {}
