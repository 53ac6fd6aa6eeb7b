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
  private readonly grantLabel: string;
  /** The grant of a free slot: done already, so it is shared. */
  private readonly freeGrant: SimEvent<void>;

  constructor(
    private readonly sim: Simulation,
    readonly capacity: number,
    readonly name = 'semaphore',
  ) {
    if (!(capacity >= 1)) throw new RangeError(`${name}: capacity must be at least 1`);
    this.grantLabel = `a slot of ${name}`;
    this.freeGrant = sim.event<void>(this.grantLabel).succeedProcessed();
  }

  get holders(): number {
    return this.inUse;
  }

  get queueLength(): number {
    return this.waiting.length - this.head;
  }

  /**
   * An event that succeeds when a slot is granted. A free slot is granted
   * at once (the event is already processed, so a process that yields it
   * does not wait).
   */
  acquire(): SimEvent<void> {
    if (this.inUse < this.capacity) {
      this.inUse++;
      return this.freeGrant;
    }
    const grant = this.sim.event<void>(this.grantLabel);
    this.waiting.push(grant);
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
