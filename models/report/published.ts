/**
 * What the Slacker paper (FAST '16) and reports of it published about
 * HelloBench, in the summary's own terms. `run` is AUFS time over Slacker
 * time: Slacker's run phase was about 17% slower, so 1 / 1.17.
 */
export const published = {
  speedup: { deployment: 5, development: 20, pull: 72, push: 153, run: 1 / 1.17 },
  aufs_pull_share: 0.76,
  startup_read_fraction: 0.064,
  deep_data_fraction: 0.5,
} as const;

/** The published figures as rows: name, published value, and where it is in a summary. */
export const publishedRows: { name: string; value: number; pick: (s: any) => number | undefined }[] = [
  { name: 'deployment speedup (median)', value: published.speedup.deployment, pick: (s) => s.speedup?.deployment },
  { name: 'development speedup (median)', value: published.speedup.development, pick: (s) => s.speedup?.development },
  { name: 'pull speedup (median)', value: published.speedup.pull, pick: (s) => s.speedup?.pull },
  { name: 'push speedup (median)', value: published.speedup.push, pick: (s) => s.speedup?.push },
  { name: 'run: AUFS / Slacker (median)', value: published.speedup.run, pick: (s) => s.speedup?.run },
  { name: 'AUFS pull share of startup', value: published.aufs_pull_share, pick: (s) => s.aufs_pull_share },
  { name: 'startup read fraction', value: published.startup_read_fraction, pick: (s) => s.startup_read_fraction },
  { name: 'data at depth >= 9', value: published.deep_data_fraction, pick: (s) => s.deep_data_fraction },
];
