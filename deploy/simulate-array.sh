#!/bin/bash
# Runs a sharded sweep on this machine the way a cluster would, to check
# the deploy files without one: N copies of deploy/slurm-array.sh (with the
# SLURM_* variables Slurm sets) or of the Indexed Job's container command
# (with JOB_COMPLETION_INDEX, read from the manifest), all at once, then
# `sim merge`, then compares the merged table with a one-machine run.
#
#   deploy/simulate-array.sh slurm|kubernetes SCENARIO SHARDS WORKDIR
set -euo pipefail
usage="usage: deploy/simulate-array.sh slurm|kubernetes SCENARIO SHARDS WORKDIR"
MODE=${1:?$usage}
SCENARIO=${2:?$usage}
SHARDS=${3:?$usage}
WORK=${4:?$usage}
cd "$(dirname "$0")/.."
mkdir -p "$WORK"

# The container command of the Indexed Job, exactly as the manifest has it.
k8s_command() {
  node --input-type=module -e '
    import { readFileSync } from "node:fs";
    import { parseAllDocuments } from "yaml";
    const docs = parseAllDocuments(readFileSync("deploy/kubernetes-indexed-job.yaml", "utf8"));
    const job = docs.map((d) => d.toJS()).find((d) => d && d.kind === "Job");
    const c = job.spec.template.spec.containers[0];
    if (job.spec.completionMode !== "Indexed") throw new Error("not an Indexed Job");
    const shards = c.env.find((e) => e.name === "SHARDS").value;
    if (String(job.spec.completions) !== shards) throw new Error("completions != SHARDS");
    process.stdout.write(c.args[0]);
  '
}

pids=()
for ((i = 0; i < SHARDS; i++)); do
  if [ "$MODE" = slurm ]; then
    SLURM_ARRAY_TASK_ID=$i SLURM_CPUS_PER_TASK=1 SLURM_SUBMIT_DIR=$PWD \
      bash deploy/slurm-array.sh "$SCENARIO" "$WORK/shards" "$SHARDS" \
      > "$WORK/task-$i.log" 2>&1 &
  else
    JOB_COMPLETION_INDEX=$i SCENARIO=$SCENARIO RESULTS=$WORK/shards SHARDS=$SHARDS JOBS=1 \
      sh -c "$(k8s_command)" > "$WORK/task-$i.log" 2>&1 &
  fi
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if [ "$failed" = 1 ]; then
  echo "a task failed; logs in $WORK/task-*.log" >&2
  exit 1
fi

node bin/sim.js merge "$WORK"/shards/shard-* --out "$WORK/merged"
node bin/sim.js sweep "$SCENARIO" --jobs 2 --out "$WORK/single" > /dev/null
cmp "$WORK/merged/sweep.csv" "$WORK/single/sweep.csv"
cmp "$WORK/merged/sweep.arrow" "$WORK/single/sweep.arrow"
echo "$MODE: $SHARDS shards merged = one-machine run (sweep.csv and sweep.arrow identical)"
