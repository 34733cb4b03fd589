#!/usr/bin/env bash
# Compares two trees of deltalag results (e.g. every scenario run before and after a refactor that must not
# change seeded outputs). Every file is compared byte for byte, except *.json files, which are compared as
# data after removing what legitimately differs between two runs of the same seed:
#   - wall-clock metrics: wallSeconds, loopSeconds, simSecondsPerWallSecond (any depth)
#   - where the run was written and read from: the outDir key, and absolute paths (compared by file name,
#     since the baseline usually runs from another work tree)
# Hidden files (.deltalag-result.json carries a creation time and pid) are skipped.
#   scripts/compare-outputs.sh <baseline-out-dir> <new-out-dir>
# Prints OK/DIFF/MISSING/EXTRA per file and a count; exit 0 when everything matches, 1 on any difference,
# 2 on bad arguments.
set -euo pipefail

if [ $# -ne 2 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
  echo "usage: scripts/compare-outputs.sh <baseline-out-dir> <new-out-dir> (both must be existing folders)" >&2
  exit 2
fi
base=$1
new=$2

normalise_json() {
  node -e '
    const WALL = new Set(["wallSeconds", "loopSeconds", "simSecondsPerWallSecond", "outDir"]);
    const norm = (v) => {
      if (Array.isArray(v)) return v.map(norm);
      if (v && typeof v === "object") {
        const out = {};
        for (const k of Object.keys(v)) if (!WALL.has(k)) out[k] = norm(v[k]);
        return out;
      }
      if (typeof v === "string" && v.startsWith("/")) return v.slice(v.lastIndexOf("/") + 1);
      return v;
    };
    process.stdout.write(JSON.stringify(norm(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))), null, 1));
  ' "$1"
}

list_files() { (cd "$1" && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort); }

ok=0
bad=0
while IFS= read -r rel; do
  if [ ! -f "$new/$rel" ]; then
    echo "MISSING $rel"
    bad=$((bad + 1))
    continue
  fi
  case "$rel" in
    *.json)
      if cmp -s <(normalise_json "$base/$rel") <(normalise_json "$new/$rel"); then same=1; else same=0; fi
      ;;
    *)
      if cmp -s "$base/$rel" "$new/$rel"; then same=1; else same=0; fi
      ;;
  esac
  if [ "$same" = 1 ]; then
    echo "OK      $rel"
    ok=$((ok + 1))
  else
    echo "DIFF    $rel"
    bad=$((bad + 1))
  fi
done < <(list_files "$base")

while IFS= read -r rel; do
  if [ ! -f "$base/$rel" ]; then
    echo "EXTRA   $rel"
    bad=$((bad + 1))
  fi
done < <(list_files "$new")

echo "$ok identical, $bad different/missing/extra"
[ "$bad" -eq 0 ]
