/** Plain-text rendering of trace summaries for `sim trace info`. */
import { formatBytes } from '../../sim/units.ts';
import { DEEP_DEPTH, type TraceComparison, type TraceSummary } from './summary.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Several lines describing `s`, ending with a newline. */
export function formatSummary(s: TraceSummary): string {
  const compressed =
    s.imageCompressedBytes === null ? 'unknown' : formatBytes(s.imageCompressedBytes);
  const lines = [
    `image            ${s.image} (${s.layers} layers, captured with ${s.method})`,
    `ready after      ${s.readySec.toFixed(3)} s (compute between I/Os ${s.computeSec.toFixed(3)} s)`,
    `image bytes      ${formatBytes(s.imageBytes)} (${compressed} compressed)`,
    `read at startup  ${formatBytes(s.readBytes)} = ${percent(s.readShare)} of the image, from ${s.filesRead} files`,
  ];
  if (s.metadataReadBytes > 0)
    lines.push(`metadata read    ${formatBytes(s.metadataReadBytes)}`);
  lines.push(
    `files touched    ${s.filesTouched}`,
    `deep data        ${percent(s.deepImageShare)} of the image and ${percent(s.deepReadShare)} of reads at depth >= ${DEEP_DEPTH}; half the data at depth >= ${s.halfDataDepth}`,
    `written          ${formatBytes(s.writtenBytes)}; copy-up ${formatBytes(s.copyUpBytes)} (${s.filesCopiedUp} image files)`,
    'depth  image bytes     read bytes',
  );
  for (const row of s.byDepth) {
    lines.push(
      `${String(row.depth).padStart(5)}  ${formatBytes(row.imageBytes).padStart(11)}  ${formatBytes(row.readBytes).padStart(13)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatComparison(c: TraceComparison): string {
  return `repeat run       ${percent(c.sharedShare)} of ${c.second}'s ${formatBytes(c.secondReadBytes)} read were read by the first run\n`;
}
