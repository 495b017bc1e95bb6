#!/bin/bash
# A test-only OCI runtime that hangs: registered with the daemon as junit-sandbox-fault-hang by
# runtimes/setup.sh. Its "create" never returns (like gVisor's KVM platform on a host without
# VT-x, which spins forever); every other command (state, kill, delete) goes to runc, so that the
# daemon can clean up once the hanging process is killed. The sleeping process is named after the
# runtime, so that tests can check that none is left: pgrep -f junit-sandbox-fault-hang.
for argument in "$@"; do
  if [ "$argument" = create ]; then
    exec -a junit-sandbox-fault-hang sleep 3600
  fi
done
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
exec runc "$@"
