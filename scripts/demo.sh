#!/usr/bin/env bash
# The main job: builds Sightline and runs `sightline demo` — a simulated force area of about
# 20,000 people, ingested and analysed into demo/sightline.db.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -p cli
exec target/release/sightline demo --dir demo "$@"
