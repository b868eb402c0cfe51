#!/usr/bin/env bash
# The README's start command: installs, builds, and starts keyflip's web page
# with a local demo of IAM (fake users and keys, not AWS) preselected in it.
# Stays in the foreground; Ctrl-C stops both servers.
#
#   KEYFLIP_PAGE_PORT  the page's port            (default 8080)
#   KEYFLIP_IAM_PORT   the local demo IAM's port  (default 9090)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

page_port=${KEYFLIP_PAGE_PORT:-8080}
iam_port=${KEYFLIP_IAM_PORT:-9090}
page_origin="http://127.0.0.1:$page_port"
iam_url="http://127.0.0.1:$iam_port"
demo_data=scripts/local-iam/demo-data.json

scripts/setup.sh
scripts/build.sh

run_dir=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}
trap stop EXIT
trap 'echo; echo "start: stopping"; exit 0' INT TERM

# The local endpoint answers CORS as IAM does (any origin), so the page needs
# no --allow-origin, and throttles as IAM does (token buckets per action at
# the defaults in scripts/local-iam/README.md), so the demo meets what AWS does. Each server prints one line on stdout once it accepts
# connections; their request logs (method, action, status, request id: never a secret) go to stderr.
node scripts/local-iam/server.js --port "$iam_port" --data "$demo_data" --throttle on >"$run_dir/iam.out" &
pids+=($!)
node scripts/page/server.js --port "$page_port" --demo-endpoint "$iam_url" --quiet >"$run_dir/page.out" &
pids+=($!)

# wait_for <stdout file> <pid> <what>: until the server's ready line, or fail.
wait_for() {
  for _ in $(seq 100); do
    [[ -s $1 ]] && return 0
    kill -0 "$2" 2>/dev/null || { echo "start: the $3 did not start (is port in use? set KEYFLIP_PAGE_PORT / KEYFLIP_IAM_PORT)" >&2; exit 1; }
    sleep 0.1
  done
  echo "start: the $3 did not start within 10 s" >&2
  exit 1
}
wait_for "$run_dir/iam.out" "${pids[0]}" "local demo IAM endpoint"
wait_for "$run_dir/page.out" "${pids[1]}" "page server"

cat <<EOF

keyflip is running.

  Page:              $page_origin/
  Local demo of IAM: $iam_url  (not AWS: fake users and keys from $demo_data)
  Single-file page:  dist/keyflip.html  (open it from disk; works with no server or network;
                     for the demo, pick "A custom endpoint" $iam_url)

EOF
node scripts/page/print-demo.mjs "$demo_data" "$iam_url"
cat <<EOF

Ctrl-C stops both servers.

EOF

# Until Ctrl-C, or until either server exits on its own.
wait -n "${pids[@]}"
echo "start: a server stopped unexpectedly" >&2
exit 1
