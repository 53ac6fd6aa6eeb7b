/**
 * The Mersenne Twister MT19937, seeded the way CPython's `random.Random(n)`
 * seeds it (the integer split into 32-bit words, then `init_by_array`), with
 * `random()` built from two outputs like CPython's. The anchor benchmarks use
 * this generator in every engine, so the same seed gives the same numbers
 * here and lets us compare event counts with them exactly. Benchmarks only:
 * models draw from `RandomStreams`.
 */
const STATE_WORDS = 624;
const SHIFT_WORDS = 397;
const UPPER_BIT = 0x80000000;
const LOWER_BITS = 0x7fffffff;
const TWIST_XOR = 0x9908b0df;

export class Mt19937 {
  private readonly state = new Uint32Array(STATE_WORDS);
  private index = STATE_WORDS;

  /** `seed` is a non-negative integer below 2^53. */
  constructor(seed: number) {
    const words: number[] = [];
    let rest = Math.floor(Math.abs(seed));
    do {
      words.push(rest % 0x100000000);
      rest = Math.floor(rest / 0x100000000);
    } while (rest > 0);
    this.seedWithWords(words);
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  random(): number {
    // Two outputs; the common case takes both from the state in one go.
    const i = this.index;
    if (i > STATE_WORDS - 2) {
      const high = this.nextWord() >>> 5;
      return (high * 67108864 + (this.nextWord() >>> 6)) / 9007199254740992;
    }
    this.index = i + 2;
    const high = temper(this.state[i]!) >>> 5;
    const low = temper(this.state[i + 1]!) >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextWord(): number {
    if (this.index >= STATE_WORDS) this.regenerate();
    return temper(this.state[this.index++]!);
  }

  private seedWithInteger(seed: number): void {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let k = 1; k < STATE_WORDS; k++) {
      const prev = s[k - 1]! ^ (s[k - 1]! >>> 30);
      s[k] = (Math.imul(1812433253, prev) + k) >>> 0;
    }
  }

  private seedWithWords(words: readonly number[]): void {
    this.seedWithInteger(19650218);
    const s = this.state;
    let i = 1;
    let j = 0;
    // Mix the key words in, then a second pass without them, as CPython does.
    for (let k = Math.max(STATE_WORDS, words.length); k > 0; k--) {
      const prev = s[i - 1]! ^ (s[i - 1]! >>> 30);
      s[i] = ((s[i]! ^ Math.imul(prev, 1664525)) + words[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= STATE_WORDS) {
        s[0] = s[STATE_WORDS - 1]!;
        i = 1;
      }
      if (j >= words.length) j = 0;
    }
    for (let k = STATE_WORDS - 1; k > 0; k--) {
      const prev = s[i - 1]! ^ (s[i - 1]! >>> 30);
      s[i] = ((s[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= STATE_WORDS) {
        s[0] = s[STATE_WORDS - 1]!;
        i = 1;
      }
    }
    s[0] = UPPER_BIT;
    this.index = STATE_WORDS;
  }

  private regenerate(): void {
    const s = this.state;
    // Three runs so that no index needs a modulo: k + 397 wraps after 227.
    const wrap = STATE_WORDS - SHIFT_WORDS;
    let k = 0;
    for (; k < wrap; k++) s[k] = twist(s[k]!, s[k + 1]!, s[k + SHIFT_WORDS]!);
    for (; k < STATE_WORDS - 1; k++) s[k] = twist(s[k]!, s[k + 1]!, s[k - wrap]!);
    s[k] = twist(s[k]!, s[0]!, s[SHIFT_WORDS - 1]!);
    this.index = 0;
  }
}

/** The output function: scrambles a state word into an output word. */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

/** One step of the recurrence: the new word from two neighbours and a far one. */
function twist(current: number, next: number, far: number): number {
  const y = (current & UPPER_BIT) | (next & LOWER_BITS);
  // The low bit selects the XOR without a branch: a coin flip mispredicts.
  return far ^ (y >>> 1) ^ (-(y & 1) & TWIST_XOR);
}
