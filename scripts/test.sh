#!/usr/bin/env bash
# The whole suite: lint, migrations check, then every test on SQLite and, when reachable, on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
PG_URL=${LIAISON_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}

ruff check .
LIAISON_DATABASE_URL=sqlite:///:memory: liaison makemigrations --check --dry-run

echo "== SQLite =="
LIAISON_DATABASE_URL=sqlite:///var/test.sqlite3 pytest -q -n 2 "$@"

# The server must answer; the named database need not exist (the tests make their own, test_<name>_gwN).
if python -c "import psycopg; psycopg.connect('$PG_URL', dbname='postgres', connect_timeout=3).close()" 2>/dev/null; then
  echo "== PostgreSQL =="
  LIAISON_DATABASE_URL="$PG_URL" pytest -q -n 2 "$@"
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL is not reachable at $PG_URL; CI needs it." >&2
  exit 1
else
  echo "PostgreSQL not reachable at $PG_URL: skipped the PostgreSQL run."
fi
