#!/bin/bash
# A test-only OCI runtime that is broken: registered with the daemon as junit-sandbox-fault-broken
# by runtimes/setup.sh. Every "create" fails at once with the message below, written where runc
# writes its errors (the --log file the shim reads, JSON lines) and to stderr; every other command
# goes to runc, so that the daemon can clean up.
message="junit-sandbox-fault-broken: this runtime always fails (a test fixture of junit-sandbox)"
log=""
previous=""
for argument in "$@"; do
  [ "$previous" = --log ] && log=$argument
  if [ "$argument" = create ]; then
    if [ -n "$log" ]; then
      printf '{"level":"error","msg":"%s","time":"%s"}\n' "$message" \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$log"
    fi
    echo "$message" >&2
    exit 1
  fi
  previous=$argument
done
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
exec runc "$@"
