#!/usr/bin/env bash
# Executes notebooks headless with the tslab kernel and stops at the first
# cell that fails, naming the notebook and the cell. Installs nothing: see
# notebooks/README.md for Jupyter and the kernel.
#
#   notebooks/run-all.sh [--out DIR] [NOTEBOOK.ipynb ...]
#
# With no notebook named it runs every notebooks/*.ipynb in name order.
# --out DIR keeps the executed copies (with their outputs) in DIR; otherwise
# they go to a temporary folder that is removed at the end.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

out=''
if [[ ${1:-} == --out ]]; then
  [[ $# -ge 2 ]] || { echo "run-all.sh: --out needs a folder" >&2; exit 2; }
  out=$2
  shift 2
fi

# The kernel spec that `tslab install` writes starts `tslab` by name; the
# project's copy lives in node_modules/.bin.
export PATH="$root/node_modules/.bin:$PATH"

if ! command -v jupyter >/dev/null 2>&1; then
  echo "run-all.sh: jupyter is not installed (see notebooks/README.md)" >&2
  exit 3
fi
# Read the list whole: grep -q stopping early would break the pipe under pipefail.
kernels=$(jupyter kernelspec list 2>/dev/null || true)
if ! grep -qE '^ *tslab ' <<<"$kernels"; then
  echo "run-all.sh: the tslab kernel is not installed:" \
    "npx tslab install --python=/usr/bin/python3 (see notebooks/README.md)" >&2
  exit 3
fi

if [[ -z $out ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

if [[ $# -eq 0 ]]; then
  set -- "$here"/*.ipynb
fi

for notebook in "$@"; do
  if [[ ! -f $notebook ]]; then
    echo "run-all.sh: no such notebook: $notebook" >&2
    exit 2
  fi
  name=$(basename "$notebook")
  log="$out/${name%.ipynb}.log"
  started=$(date +%s.%N)
  if ! jupyter nbconvert --to notebook --execute \
    --config "$here/lib/nbconvert_config.py" \
    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=tslab \
    --output-dir "$out" "$notebook" >"$log" 2>&1; then
    echo "FAILED $name" >&2
    if grep -qE '^cell [0-9]+ \(id .*\) failed:' "$log"; then
      # The hook's report: the cell and what the kernel wrote to stderr.
      # nbconvert's Python traceback after it says nothing more.
      sed -n '/^cell [0-9]* (id .*) failed:/,/^Traceback/p' "$log" |
        grep -v '^Traceback' >&2 || true
    else
      tail -n 40 "$log" >&2 # no cell failed: a timeout, a dead kernel, a bad file
    fi
    exit 1
  fi
  awk -v name="$name" -v from="$started" -v to="$(date +%s.%N)" \
    'BEGIN { printf "ok     %-28s %6.1f s\n", name, to - from }'
done
