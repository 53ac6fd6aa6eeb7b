import test from 'ava';
import { formatOf, labelOf, titleOf, unitOf } from '../../sim/charts/labels.ts';

test('units come from column suffixes and prefixes', (t) => {
  t.is(unitOf('registry_egress_bytes_per_s'), 'bytes/s');
  t.is(unitOf('pull_s'), 's');
  t.is(unitOf('bytes_pulled'), 'bytes');
  t.is(unitOf('cache_gb'), 'GB');
  t.is(unitOf('workers'), '');
  t.is(unitOf('_s'), '');
});

test('labels put the unit in parentheses', (t) => {
  t.is(labelOf('registry_egress_bytes_per_s'), 'registry egress (bytes/s)');
  t.is(labelOf('total_s'), 'startup time (s)');
  t.is(labelOf('bytes_read'), 'read (bytes)');
  t.is(labelOf('storage.cache_gb'), 'storage cache (GB)');
  t.is(labelOf('workers'), 'workers');
  t.is(titleOf('p99_startup_s'), 'P99 startup');
});

test('byte quantities get SI-prefixed tick labels', (t) => {
  t.is(formatOf('bytes_pulled'), '.3~s');
  t.is(formatOf('total_s'), undefined);
});
