#!/bin/bash
# A slacker-sim sweep as a Slurm job array: array task I of N runs the
# sweep points with index % N == I into its own folder, and `sim merge`
# joins the folders once every task is done:
#
#   jid=$(sbatch --parsable --array=0-7 deploy/slurm-array.sh \
#           scenarios/sweep-nfs.yaml results/sweep-nfs 8)
#   sbatch --dependency=afterok:$jid --wrap \
#     "node bin/sim.js merge results/sweep-nfs/shard-* --out results/sweep-nfs/all"
#
# Submit from the repository root after `npm ci`. The array indices are
# the shard indices (0 to N-1) and N is given explicitly, so a failed or
# preempted task can be resubmitted alone with the same N
# (`sbatch --array=3 deploy/slurm-array.sh ... 8`); it resumes from the
# points its folder already holds.
#SBATCH --job-name=slacker-sim-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%A_%a.out
# SIGTERM a minute before the time limit: the sweep stops cleanly (exit
# 130) and keeps its finished points for a resubmission.
#SBATCH --signal=B:TERM@60
set -euo pipefail

usage="usage: sbatch --array=0-(N-1) deploy/slurm-array.sh SCENARIO RESULTS_DIR N"
SCENARIO=${1:?$usage}
RESULTS=${2:?$usage}
SHARDS=${3:?$usage}
INDEX=${SLURM_ARRAY_TASK_ID:?not running as a Slurm array task; $usage}

cd "${SLURM_SUBMIT_DIR:-.}"
exec node bin/sim.js sweep "$SCENARIO" \
  --shard "$INDEX/$SHARDS" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" \
  --out "$RESULTS/shard-$INDEX" \
  --verbose
