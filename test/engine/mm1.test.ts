/**
 * An M/M/1 queue built from processes and a Semaphore: the engine's
 * ordering and timing must reproduce queueing theory's mean time in system,
 * W = 1 / (mu - lambda).
 */
import test from 'ava';
import { RandomStreams } from '../../sim/engine/random.ts';
import { Semaphore } from '../../sim/engine/semaphore.ts';
import { Simulation } from '../../sim/engine/simulation.ts';

function meanTimeInSystemSec(
  arrivalRatePerSec: number,
  serviceRatePerSec: number,
  customers: number,
  seed: number,
): number {
  const sim = new Simulation();
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream('arrivals');
  const services = streams.stream('services');
  const server = new Semaphore(sim, 1, 'server');
  let totalSec = 0;

  function* customer(): Generator<any, void, any> {
    const arrivedAt = sim.now;
    yield server.acquire();
    yield services.exponential(1 / serviceRatePerSec);
    server.release();
    totalSec += sim.now - arrivedAt;
  }

  function* source(): Generator<any, void, any> {
    for (let i = 0; i < customers; i++) {
      yield arrivals.exponential(1 / arrivalRatePerSec);
      sim.process(customer(), `customer ${i}`);
    }
  }

  sim.process(source(), 'source');
  sim.run();
  sim.assertAllFinished();
  return totalSec / customers;
}

test('M/M/1 mean time in system is within 3% of 1/(mu - lambda)', (t) => {
  const lambda = 0.5;
  const mu = 1.0;
  const expected = 1 / (mu - lambda);
  const measured = meanTimeInSystemSec(lambda, mu, 100_000, 12345);
  const error = Math.abs(measured - expected) / expected;
  t.true(error < 0.03, `measured ${measured}, expected ${expected}, error ${error}`);
});

test('the 3% band is tight enough to tell a wrong service rate apart', (t) => {
  // Same queue, same seed: 1/(1.1 - 0.5) = 1.67 s is far outside 3% of the
  // measured mean, so the first test would catch a clock running 10% fast.
  const measured = meanTimeInSystemSec(0.5, 1.0, 100_000, 12345);
  const wrong = 1 / (1.1 - 0.5);
  t.true(Math.abs(measured - wrong) / wrong > 0.03, `measured ${measured}`);
});
