#!/usr/bin/env bash
# Checks that the build is reproducible: builds every jar (with the release profile's sources and Javadoc
# jars) twice from clean and compares their SHA-256. project.build.outputTimestamp in the poms fixes the
# timestamps inside the jars; nothing else in them may depend on the machine or the time.
# Extra arguments go to Maven (scripts/check-reproducible.sh -o).
set -euo pipefail
cd "$(dirname "$0")/.."
build() {
  mvn -B -q clean "$@" >/dev/null
  mvn -B -q -Prelease -DskipTests package "$@" >&2 || { echo "check-reproducible: the build failed" >&2; return 1; }
  sha256sum bmff-*/target/*.jar | sort -k2
}
first=$(build "$@") || exit 1
second=$(build "$@") || exit 1
if [ "$first" != "$second" ]; then
  diff <(echo "$first") <(echo "$second") || true
  echo "check-reproducible: the two builds differ" >&2
  exit 1
fi
echo "$first"
echo "check-reproducible: $(echo "$first" | wc -l) jars, byte-identical in two builds"
