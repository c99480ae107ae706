#!/usr/bin/env bash
# Makes sure a PostgreSQL server is reachable for the tests and prints its URL on the last line.
# Uses the machine's server at 127.0.0.1:5432 when it answers (starting the Debian cluster if it
# is installed but stopped); otherwise installs PostgreSQL if needed and starts a throwaway
# trust-auth server on 127.0.0.1:55432.
set -euo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if answers 5432; then
  echo "postgres://postgres@127.0.0.1:5432/test"
  exit 0
fi

if command -v pg_ctlcluster >/dev/null 2>&1 && ls /etc/postgresql/*/main >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 50); do answers 5432 && break; sleep 0.2; done
  if answers 5432; then
    psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
      || psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test" >&2 || true
    echo "postgres://postgres@127.0.0.1:5432/test"
    exit 0
  fi
fi

PGPORT=55432
if ! answers "$PGPORT"; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ]; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PGROOT=$(mktemp -d /tmp/sightline-pg.XXXXXX)
  chown postgres:postgres "$PGROOT"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$PGROOT/initdb.log"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off" start >&2
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "CREATE DATABASE test" >&2
fi
echo "postgres://postgres@127.0.0.1:$PGPORT/test"
