#!/usr/bin/env bash
# Sightline against Splink on FEBRL3, FEBRL4 and synthetic records (issue 4): sets up the
# Python environment .venv-bench in the repository root (Splink from PyPI, pinned in
# requirements.txt), builds the release binary and runs run.py, which prints the table.
# Arguments go to run.py, e.g. `bench/resolution/run.sh --sizes 100000 --runs 1`.
# Not part of CI: a full run takes several minutes and wants the machine to itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
if [ ! -x .venv-bench/bin/python ]; then
    "$python" -m venv .venv-bench
fi
.venv-bench/bin/pip install --quiet --disable-pip-version-check -r bench/resolution/requirements.txt

cargo build --release -p cli

exec .venv-bench/bin/python bench/resolution/run.py "$@"
