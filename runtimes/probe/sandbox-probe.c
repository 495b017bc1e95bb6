/*
 * sandbox-probe: the native half of junit-sandbox's probes.
 *
 * It runs inside the sandbox (the very same static binary runs on the host for the HOST
 * baseline) so that nothing but the measured work sits between the two clock readings:
 * neither `docker exec` nor process start-up is inside the timed region.
 *
 *   sandbox-probe syscall <getpid|stat> <calls> <batch> <warmup-calls>
 *
 * Makes <warmup-calls> untimed calls, then <calls> timed calls in batches of <batch>. Each
 * batch is timed with CLOCK_MONOTONIC (two readings around the batch loop) and yields one
 * sample: the batch's elapsed nanoseconds divided by <batch>, i.e. the mean cost of one call
 * in that batch, in picoseconds so that sub-nanosecond differences survive the division.
 * Batching amortises the cost of reading the clock over many calls.
 *
 * Output (stdout, line oriented, parsed by dev.junitsandbox.probe.ProbeOutputParser):
 *
 *   junit-sandbox-probe 1
 *   probe syscall
 *   syscall getpid
 *   calls 10000
 *   batch 10
 *   unit ps-per-call
 *   samples 1000
 *   <one sample per line>
 *   end
 *
 * Exit status 0 on success, 2 on bad arguments (with a message on stderr), 1 if a call failed.
 *
 *   sandbox-probe iouring
 *
 * Asks whether the sandbox offers io_uring: calls io_uring_setup(1, &params) through syscall()
 * (no liburing needed) and prints one line, "ok" if it returned a ring (which it closes at once)
 * or the name of the errno it failed with, e.g. "ENOSYS" (gVisor without --iouring) or "EPERM"
 * (a seccomp profile or kernel.io_uring_disabled). Exit status 0 either way: the question was
 * answered; dev.junitsandbox.internal.CapabilityCheck reads the line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/io_uring.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PROTOCOL_VERSION 1
#define MAX_CALLS 100000000L

static int call_getpid(void) { return syscall(SYS_getpid) > 0 ? 0 : -1; }

static int call_stat(void) {
  struct stat st;
  /* the raw system call, so libc cannot answer from a cache */
  return (int)syscall(SYS_newfstatat, AT_FDCWD, "/", &st, 0);
}

struct syscall_kind {
  const char *name;
  int (*call)(void);
};

static const struct syscall_kind SYSCALLS[] = {
    {"getpid", call_getpid},
    {"stat", call_stat},
};

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long parse_count(const char *what, const char *text, long min, long max) {
  char *end = NULL;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min || value > max) {
    fprintf(stderr, "sandbox-probe: %s must be a whole number from %ld to %ld, got '%s'\n", what,
            min, max, text);
    exit(2);
  }
  return value;
}

static int usage(void) {
  fprintf(stderr,
          "usage: sandbox-probe syscall <getpid|stat> <calls> <batch> <warmup-calls>\n"
          "       sandbox-probe iouring\n");
  return 2;
}

struct errno_name {
  int value;
  const char *name;
};

/* the errors io_uring_setup(2) documents, and ENOSYS: strerrorname_np is not in every libc */
static const struct errno_name ERRNO_NAMES[] = {
    {ENOSYS, "ENOSYS"}, {EPERM, "EPERM"},   {EACCES, "EACCES"}, {EINVAL, "EINVAL"},
    {ENOMEM, "ENOMEM"}, {EFAULT, "EFAULT"}, {EMFILE, "EMFILE"}, {ENFILE, "ENFILE"},
};

static int run_iouring(int argc) {
  if (argc != 2) return usage();
  struct io_uring_params params;
  memset(&params, 0, sizeof params);
  long ring = syscall(SYS_io_uring_setup, 1, &params);
  if (ring >= 0) {
    close((int)ring);
    printf("ok\n");
    return 0;
  }
  int error = errno;
  for (size_t i = 0; i < sizeof ERRNO_NAMES / sizeof ERRNO_NAMES[0]; i++) {
    if (ERRNO_NAMES[i].value == error) {
      printf("%s\n", ERRNO_NAMES[i].name);
      return 0;
    }
  }
  printf("errno %d\n", error);
  return 0;
}

static int run_syscall(int argc, char **argv) {
  if (argc != 6) return usage();
  const struct syscall_kind *kind = NULL;
  for (size_t i = 0; i < sizeof SYSCALLS / sizeof SYSCALLS[0]; i++) {
    if (strcmp(argv[2], SYSCALLS[i].name) == 0) kind = &SYSCALLS[i];
  }
  if (kind == NULL) {
    fprintf(stderr, "sandbox-probe: unknown system call '%s' (known: getpid, stat)\n", argv[2]);
    return 2;
  }
  long calls = parse_count("calls", argv[3], 1, MAX_CALLS);
  long batch = parse_count("batch", argv[4], 1, calls);
  long warmup = parse_count("warmup-calls", argv[5], 0, MAX_CALLS);
  if (calls % batch != 0) {
    fprintf(stderr, "sandbox-probe: calls (%ld) must be a multiple of batch (%ld)\n", calls, batch);
    return 2;
  }
  long samples = calls / batch;
  int64_t *elapsed = malloc(sizeof(int64_t) * (size_t)samples);
  if (elapsed == NULL) {
    fprintf(stderr, "sandbox-probe: cannot allocate %ld samples\n", samples);
    return 1;
  }

  for (long i = 0; i < warmup; i++) {
    if (kind->call() != 0) {
      fprintf(stderr, "sandbox-probe: %s failed: %s\n", kind->name, strerror(errno));
      return 1;
    }
  }
  int failed = 0;
  for (long s = 0; s < samples; s++) {
    int64_t start = now_ns();
    for (long i = 0; i < batch; i++) failed |= kind->call();
    elapsed[s] = now_ns() - start;
  }
  if (failed) {
    fprintf(stderr, "sandbox-probe: %s failed during the timed calls: %s\n", kind->name,
            strerror(errno));
    return 1;
  }

  printf("junit-sandbox-probe %d\nprobe syscall\nsyscall %s\ncalls %ld\nbatch %ld\n",
         PROTOCOL_VERSION, kind->name, calls, batch);
  printf("unit ps-per-call\nsamples %ld\n", samples);
  for (long s = 0; s < samples; s++) printf("%" PRId64 "\n", elapsed[s] * 1000 / batch);
  printf("end\n");
  free(elapsed);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  if (strcmp(argv[1], "syscall") == 0) return run_syscall(argc, argv);
  if (strcmp(argv[1], "iouring") == 0) return run_iouring(argc);
  if (strcmp(argv[1], "--version") == 0) {
    printf("junit-sandbox-probe %d\n", PROTOCOL_VERSION);
    return 0;
  }
  return usage();
}
