/**
 * The bench reads the anchors' run.sh output into per-case wall seconds:
 * one line per engine, benchmark and size; anything else is not a figure.
 */
import test from 'ava';
import { parseAnchorLines } from '../../bench/anchor-run.ts';

test('run.sh lines become wall seconds per case and engine', (t) => {
  const out = [
    'simgrid phold 1000 1999015 3.8514 519036 43.4',
    'simpy phold 1000 1999015 4.6412 430711 16.8',
    'js-naive flash 10000 last:800.003021,mean_fct:790.001015 13.4470 1487 86.9',
    'js-typedheap heap_hold 1000 tmin:9999.333 1.5095 13249611 50.1',
    '[run.sh] run 1/3: simgrid flash 100',
    'simgrid flash 100 last:10.775376,mean_fct:0.888172 not-a-number 29412 33.1',
    '',
  ].join('\n');
  t.deepEqual(parseAnchorLines(out), {
    'phold:1000': { simgridWallSec: 3.8514, simpyWallSec: 4.6412 },
    'flash-crowd:10000': { plainJsWallSec: 13.447 },
  });
});
