#!/usr/bin/env bash
# Proves bmff works as a dependency: installs the reactor into the local Maven repository, then builds and
# tests it/consumer (a user's project: imports bmff-bom, depends on bmff-recover, requires dev.bmff.recover
# in its module-info) offline, so it can only see what was installed. Its test repairs a recording that
# lost its moov through Recovery.repair, on the module path.
#
#   scripts/consumer-check.sh                 uses ~/.m2/repository
#   M2_REPO=/tmp/m2 scripts/consumer-check.sh  another local repository (keeps ~/.m2 free of snapshots)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=()
if [ -n "${M2_REPO:-}" ]; then
  repo=("-Dmaven.repo.local=$M2_REPO")
fi
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | sed -n 1p)

mvn -B -q "${repo[@]}" install -DskipTests
# -o: nothing from the network, only the artifacts just installed (and the plugins the reactor used).
rm -rf it/consumer/target   # not mvn clean: the reactor never loads the clean plugin, so offline it may be missing
mvn -B -q -o "${repo[@]}" -f it/consumer/pom.xml -Dbmff.version="$version" verify
echo "consumer-check: a project depending on bmff-recover $version through bmff-bom built and repaired a file"
