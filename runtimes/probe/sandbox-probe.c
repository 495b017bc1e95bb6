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
 *
 *   sandbox-probe connect <address> <port> <timeout-ms> <token>
 *
 * The startup probe's "network up" end point: connects over TCP to <address>:<port> (a numeric
 * IPv4 or IPv6 address: the host's, where the probe listens) as soon as the sandbox's network
 * lets it, sends <token> and a newline, prints "connected after <n> attempts" and exits 0. A
 * static binary, so that no shell or dynamic loader starts inside the timed region. Each attempt
 * is a fresh non-blocking socket given at most 100 ms (a SYN dropped while the network is not up
 * yet would otherwise wait a second for its retransmission); a failed attempt is retried after
 * 1 ms until <timeout-ms> have passed since the start, then it prints why the last attempt failed
 * on stderr and exits 1. Exit status 2 on bad arguments.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
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
          "       sandbox-probe iouring\n"
          "       sandbox-probe connect <address> <port> <timeout-ms> <token>\n");
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

#define CONNECT_ATTEMPT_MS 100
#define MAX_TOKEN 64

/* One attempt: 0 once connected (fd then holds the socket), else the errno it failed with. */
static int connect_once(const struct sockaddr *address, socklen_t length, int *fd) {
  int s = socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s < 0) return errno;
  if (connect(s, address, length) != 0) {
    if (errno != EINPROGRESS) {
      int error = errno;
      close(s);
      return error;
    }
    struct pollfd writable = {.fd = s, .events = POLLOUT};
    int ready = poll(&writable, 1, CONNECT_ATTEMPT_MS);
    int error = 0;
    socklen_t size = sizeof error;
    if (ready == 0) error = ETIMEDOUT;
    else if (ready < 0) error = errno;
    else if (getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &size) != 0) error = errno;
    if (error != 0) {
      close(s);
      return error;
    }
  }
  *fd = s;
  return 0;
}

static int send_all(int fd, const char *bytes, size_t length) {
  while (length > 0) {
    struct pollfd writable = {.fd = fd, .events = POLLOUT};
    if (poll(&writable, 1, 1000) <= 0) return -1;
    ssize_t sent = send(fd, bytes, length, MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return -1;
    }
    bytes += sent;
    length -= (size_t)sent;
  }
  return 0;
}

static int run_connect(int argc, char **argv) {
  if (argc != 6) return usage();
  struct sockaddr_storage address;
  memset(&address, 0, sizeof address);
  socklen_t length;
  long port = parse_count("port", argv[3], 1, 65535);
  struct sockaddr_in *v4 = (struct sockaddr_in *)&address;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&address;
  /* numeric only: a name would need the resolver (and its files) inside the timed region */
  if (inet_pton(AF_INET, argv[2], &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons((uint16_t)port);
    length = sizeof *v4;
  } else if (inet_pton(AF_INET6, argv[2], &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons((uint16_t)port);
    length = sizeof *v6;
  } else {
    fprintf(stderr,
            "sandbox-probe: address must be a numeric IPv4 or IPv6 address, e.g. 172.17.0.1,"
            " got '%s'\n",
            argv[2]);
    return 2;
  }
  long timeout_ms = parse_count("timeout-ms", argv[4], 1, 3600000L);
  size_t token_length = strlen(argv[5]);
  if (token_length == 0 || token_length > MAX_TOKEN || strpbrk(argv[5], " \t\r\n") != NULL) {
    fprintf(stderr,
            "sandbox-probe: token must be 1 to %d characters without blanks or line breaks,"
            " got '%s'\n",
            MAX_TOKEN, argv[5]);
    return 2;
  }

  int64_t deadline = now_ns() + (int64_t)timeout_ms * 1000000LL;
  long attempts = 0;
  int fd = -1;
  int error;
  for (;;) {
    attempts++;
    error = connect_once((struct sockaddr *)&address, length, &fd);
    if (error == 0 || now_ns() >= deadline) break;
    struct timespec pause = {.tv_sec = 0, .tv_nsec = 1000000L};
    nanosleep(&pause, NULL);
  }
  if (error != 0) {
    fprintf(stderr,
            "sandbox-probe: cannot connect to %s port %ld within %ld ms (%ld attempts): %s\n",
            argv[2], port, timeout_ms, attempts, strerror(error));
    return 1;
  }
  char line[MAX_TOKEN + 2];
  int line_length = snprintf(line, sizeof line, "%s\n", argv[5]);
  if (send_all(fd, line, (size_t)line_length) != 0) {
    fprintf(stderr, "sandbox-probe: connected to %s port %ld but cannot send the token: %s\n",
            argv[2], port, strerror(errno));
    close(fd);
    return 1;
  }
  close(fd);
  printf("connected after %ld attempts\n", attempts);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage();
  if (strcmp(argv[1], "syscall") == 0) return run_syscall(argc, argv);
  if (strcmp(argv[1], "iouring") == 0) return run_iouring(argc);
  if (strcmp(argv[1], "connect") == 0) return run_connect(argc, argv);
  if (strcmp(argv[1], "--version") == 0) {
    printf("junit-sandbox-probe %d\n", PROTOCOL_VERSION);
    return 0;
  }
  return usage();
}
