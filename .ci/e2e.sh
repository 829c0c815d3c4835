#!/usr/bin/env bash
# CI: this package inside real n8n 2.x (Node 24) and 1.x (Node 20), after `npm test`.
# First run on a machine: ~11 min and ~5 GB for the n8n installs (cached in
# ~/.cache/n8n-nodes-omise-e2e, or $OMISE_E2E_CACHE, and reused afterwards:
# keep that folder between CI runs to bring this step down to ~2 min).
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${OMISE_E2E_CACHE:-$HOME/.cache/n8n-nodes-omise-e2e}"
mkdir -p "$cache"
echo "e2e cache: $cache ($(du -sh "$cache" 2>/dev/null | cut -f1) used, $(df -h --output=avail "$cache" | tail -1 | tr -d ' ') free)"
start=$(date +%s)
npm run test:e2e
echo "e2e: $(( $(date +%s) - start )) s"
# Queue mode (n8n 2.x main + webhook processor + 2 workers, Redis, Postgres): ~1 min warm;
# installs redis-server with apt-get (root or sudo) and Postgres from the npm registry when missing.
start=$(date +%s)
npm run test:e2e:queue
echo "e2e queue mode: $(( $(date +%s) - start )) s"
