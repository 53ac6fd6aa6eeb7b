/**
 * How numbers are written to result files: fractions to 6 significant
 * digits, for stable and readable files; whole numbers (byte, request and
 * event counts) exactly, so that counts that should add up do.
 */
export function roundForFile(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return value;
  return Number(value.toPrecision(6));
}
