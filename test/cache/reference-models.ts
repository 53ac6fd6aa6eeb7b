/**
 * Deliberately naive versions of the simple policies (plain arrays, linear
 * scans, a real clock hand), written straight from each policy's definition,
 * for the property tests to compare the fast versions against.
 */

interface Entry {
  key: number;
  sizeBytes: number;
  count: number;
  lastUseTick: number;
  referenced: boolean;
}

export type NaiveAccess = (key: number, sizeBytes: number) => boolean;

/** Returns [access, remove] for a naive cache of `policy`. */
export function naiveCache(
  policy: 'lru' | 'fifo' | 'lfu' | 'clock',
  capacityBytes: number,
): [NaiveAccess, (key: number) => void] {
  let entries: Entry[] = [];
  let hand = 0;
  let tick = 0;
  const used = () => entries.reduce((sum, e) => sum + e.sizeBytes, 0);

  const victimIndex = (): number => {
    if (policy !== 'lfu') return 0;
    let best = 0;
    for (let i = 1; i < entries.length; i++) {
      const e = entries[i]!;
      const b = entries[best]!;
      if (e.count < b.count || (e.count === b.count && e.lastUseTick < b.lastUseTick)) best = i;
    }
    return best;
  };

  const clockMakeRoom = (sizeBytes: number): void => {
    while (used() + sizeBytes > capacityBytes) {
      if (hand >= entries.length) hand = 0;
      const e = entries[hand]!;
      if (e.referenced) {
        e.referenced = false;
        hand = (hand + 1) % entries.length;
      } else {
        entries.splice(hand, 1);
      }
    }
    if (hand >= entries.length) hand = 0;
  };

  const access: NaiveAccess = (key, sizeBytes) => {
    tick++;
    const i = entries.findIndex((e) => e.key === key);
    if (i >= 0) {
      const e = entries[i]!;
      e.count++;
      e.lastUseTick = tick;
      e.referenced = true;
      if (policy === 'lru') entries.push(...entries.splice(i, 1));
      return true;
    }
    if (sizeBytes > capacityBytes) return false;
    const fresh = { key, sizeBytes, count: 1, lastUseTick: tick, referenced: false };
    if (policy === 'clock') {
      clockMakeRoom(sizeBytes);
      // Just behind the hand: the last entry the hand will reach.
      entries.splice(hand, 0, fresh);
      if (entries.length > 1) hand++;
      return false;
    }
    while (used() + sizeBytes > capacityBytes) entries.splice(victimIndex(), 1);
    entries.push(fresh);
    return false;
  };

  const remove = (key: number): void => {
    const i = entries.findIndex((e) => e.key === key);
    if (i < 0) return;
    entries.splice(i, 1);
    if (i < hand) hand--;
    if (hand >= entries.length) hand = 0;
  };

  return [access, remove];
}
