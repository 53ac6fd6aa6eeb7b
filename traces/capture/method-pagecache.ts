import { InputError } from '../../sim/errors.ts';
import type { MethodContext, MethodResult } from './method.ts';

export async function captureWithPageCache(_ctx: MethodContext): Promise<MethodResult> {
  throw new InputError('method pagecache is not written yet', { key: '--method' });
}
