/**
 * Seeded random streams: reproducible per (seed, name), independent across names.
 */
import test from 'ava';
import { RandomStreams } from '../../sim/engine/random.ts';

const draw = (streams: RandomStreams, name: string, n: number) =>
  Array.from({ length: n }, () => streams.stream(name).next());

test('the same seed and name give the same numbers', (t) => {
  const a = draw(new RandomStreams(42), 'arrivals', 1000);
  const b = draw(new RandomStreams(42), 'arrivals', 1000);
  t.deepEqual(a, b);
});

test('another seed or another name gives other numbers', (t) => {
  const base = draw(new RandomStreams(42), 'arrivals', 100);
  t.notDeepEqual(draw(new RandomStreams(43), 'arrivals', 100), base);
  t.notDeepEqual(draw(new RandomStreams(42), 'sizes', 100), base);
});

test('draws on one stream do not shift another', (t) => {
  const alone = draw(new RandomStreams(7), 'net', 500);
  const mixed = new RandomStreams(7);
  const interleaved: number[] = [];
  for (let i = 0; i < 500; i++) {
    mixed.stream('disk').next();
    mixed.stream('disk').exponential(3);
    interleaved.push(mixed.stream('net').next());
  }
  t.deepEqual(interleaved, alone);
});

test('streams of different names are uncorrelated and uniform', (t) => {
  const n = 20000;
  const streams = new RandomStreams(2024);
  const x = draw(streams, 'worker-1', n);
  const y = draw(streams, 'worker-2', n);
  const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const correlation = sxy / Math.sqrt(sxx * syy);
  // 1/sqrt(n) is about 0.007: 0.03 is over four standard errors.
  t.true(Math.abs(correlation) < 0.03, `correlation ${correlation}`);
  t.true(Math.abs(mx - 0.5) < 0.01, `mean ${mx}`);
  t.true(x.every((v) => v >= 0 && v < 1));
});

test('the same name returns the same stream object, continuing its sequence', (t) => {
  const streams = new RandomStreams(1);
  const first = streams.stream('a').next();
  const second = streams.stream('a').next();
  const fresh = draw(new RandomStreams(1), 'a', 2);
  t.deepEqual([first, second], fresh);
});
