#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and check that the frozen build really runs:
# the headless commands migrate a fresh cache, and the window starts offscreen and closes cleanly on SIGTERM.
#   bash packaging/smoke_test.sh        (after `bash scripts/dev.sh setup`; takes about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q "pyinstaller>=6.10,<7"
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work packaging/assessors-desk.spec
app=build/dist/assessors-desk/assessor-app
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
if ls build/dist/assessors-desk/_internal | grep -q libvlc; then echo "FAIL: libvlc was bundled"; exit 1; fi
"$app" --version
ASSESSOR_APP_HOME="$home" "$app" status | grep -q "(schema " || { echo "FAIL: status did not migrate the cache"; exit 1; }
ASSESSOR_APP_HOME="$home" QT_QPA_PLATFORM=offscreen "$app" & pid=$!
for _ in $(seq 50); do [ -f "$home/cache.sqlite3" ] && break; sleep 0.1; done
sleep 2
kill -TERM "$pid"
wait "$pid" && echo "PASS: the frozen build runs (status, window start and clean exit)"
