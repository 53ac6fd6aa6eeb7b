/**
 * Float comparison for analytic answers: exact up to a relative tolerance
 * that only absorbs rounding, never modelling error.
 */
import type { ExecutionContext } from 'ava';

/** Asserts |actual - expected| <= relTol * max(1, |expected|). */
export function near(
  t: ExecutionContext,
  actual: number,
  expected: number,
  what: string,
  relTol = 1e-12,
): void {
  const scale = Math.max(1, Math.abs(expected));
  const ok = Math.abs(actual - expected) <= relTol * scale;
  t.true(ok, `${what}: expected ${expected}, got ${actual}`);
}
