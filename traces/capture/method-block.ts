import { InputError } from '../../sim/errors.ts';
import type { MethodContext, MethodResult } from './method.ts';

export async function captureWithBlockTrace(_ctx: MethodContext): Promise<MethodResult> {
  throw new InputError('method block is not written yet', { key: '--method' });
}
