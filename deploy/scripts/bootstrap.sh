#!/usr/bin/env bash
# Entry point of `npm start` and `npm test` on a fresh clone: installs what is missing, then hands over
# to the TypeScript orchestrator on the project's own Node 22 (the npm package `node`, docs/ARCHITECTURE.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

need_install=0
if [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/.bin ] || [ ! -f node_modules/.package-lock.json ]; then
  need_install=1
elif [ package-lock.json -nt node_modules/.package-lock.json ]; then
  need_install=1
fi
if [ "$need_install" = 1 ]; then
  echo "settle: installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Kafka runs on the machine's Java 17 and is resolved by Maven; install them where they are missing.
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  if [ -z "${KAFKA_BROKERS:-}" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "settle: installing Java 17 and Maven (apt-get)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null
    else
      echo "settle: Java 17 and Maven are needed to run Kafka locally (or set KAFKA_BROKERS)." >&2
      exit 1
    fi
  fi
fi

# The console's browser tests drive Debian's Chromium (never a downloaded browser), with a CJK font so the
# Simplified Chinese screens render in their screenshots; install them where missing.
install_chromium() {
  if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/wqy ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "settle: installing Chromium and a CJK font for the console's browser tests (apt-get)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  elif [ ! -x /usr/bin/chromium ]; then
    echo "settle: /usr/bin/chromium is missing; the console's browser tests need Debian's chromium package." >&2
    exit 1
  fi
}
if [ "${1:-}" = test ] || [ "${1:-}" = chromium ]; then
  install_chromium
  if [ "${1:-}" = chromium ]; then
    exit 0
  fi
fi

export PATH="$PWD/node_modules/.bin:$PATH"
command="$1"
shift
exec node node_modules/tsx/dist/cli.mjs "deploy/scripts/$command.ts" "$@"
