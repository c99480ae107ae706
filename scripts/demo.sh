#!/usr/bin/env bash
# The main job until `sightline demo` exists: writes a sample file of exchange-v1 records,
# ingests it into demo/sightline.db and exports the persons.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p cli
bin=target/release/sightline
mkdir -p demo
rm -f demo/sightline.db*
"$bin" bench generate --records 5000 --out demo/sample.jsonl
"$bin" --db sqlite:demo/sightline.db ingest demo/sample.jsonl
"$bin" --db sqlite:demo/sightline.db export persons --out demo/persons.jsonl --reason "demo"
echo "exported $(wc -l < demo/persons.jsonl) persons to demo/persons.jsonl; the first:"
head -n 1 demo/persons.jsonl
