/**
 * A counting semaphore with a FIFO queue: a limit on how many holders may
 * proceed at once (concurrent downloads, request slots, NFS requests in
 * flight). `acquire` returns an event that succeeds when a slot is granted.
 */
import type { SimEvent } from './event.ts';
import type { Simulation } from './simulation.ts';

export class Semaphore {
  private inUse = 0;
  private readonly waiting: SimEvent<void>[] = [];
  private head = 0;

  constructor(
    private readonly sim: Simulation,
    readonly capacity: number,
    readonly name = 'semaphore',
  ) {
    if (!(capacity >= 1)) throw new RangeError(`${name}: capacity must be at least 1`);
  }

  get holders(): number {
    return this.inUse;
  }

  get queueLength(): number {
    return this.waiting.length - this.head;
  }

  acquire(): SimEvent<void> {
    const grant = this.sim.event<void>(`a slot of ${this.name}`);
    if (this.inUse < this.capacity) {
      this.inUse++;
      grant.succeed();
    } else {
      this.waiting.push(grant);
    }
    return grant;
  }

  release(): void {
    if (this.inUse <= 0) throw new Error(`${this.name}: release without acquire`);
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as unknown as SimEvent<void>;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next.succeed();
      return;
    }
    this.inUse--;
  }
}
