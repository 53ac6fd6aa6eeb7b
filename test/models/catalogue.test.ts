import test from 'ava';
import { deepDataFraction, startupReadFraction } from '../../models/catalogue/aggregates.ts';
import { hellobenchCatalogue, hellobenchEntries } from '../../models/catalogue/hellobench.ts';
import { published } from '../../models/report/published.ts';

const within = (value: number, target: number, tolerance = 0.1) => Math.abs(value - target) / target <= tolerance;

test('the catalogue holds the 57 HelloBench images in their six categories', (t) => {
  const entries = hellobenchEntries();
  t.is(entries.length, 57);
  const count = (c: string) => entries.filter((e) => e.category === c).length;
  t.deepEqual(
    [count('distro'), count('database'), count('language'), count('web-server'), count('web-framework'), count('other')],
    [13, 10, 17, 6, 4, 7],
  );
  const classes = (c: string) => entries.filter((e) => e.runClass === c).length;
  t.deepEqual([classes('echo'), classes('arg'), classes('stdin'), classes('log'), classes('http')], [13, 5, 15, 20, 4]);
});

test('with the default seed the aggregates are within 10% of the published ones', (t) => {
  const images = hellobenchCatalogue(1);
  const read = startupReadFraction(images);
  const deep = deepDataFraction(images);
  t.true(within(read, published.startup_read_fraction), `read fraction ${read}`);
  t.true(within(deep, published.deep_data_fraction), `deep fraction ${deep}`);
});

test('the catalogue is deterministic per seed', (t) => {
  const a = JSON.stringify(hellobenchCatalogue(7, ['redis', 'python']));
  const b = JSON.stringify(hellobenchCatalogue(7, ['redis', 'python']));
  const c = JSON.stringify(hellobenchCatalogue(8, ['redis', 'python']));
  t.is(a, b);
  t.not(a, c);
});

test('images on the same base share its layers', (t) => {
  const [python, ruby] = hellobenchCatalogue(1, ['python', 'ruby']);
  const shared = python!.layers.filter((l) => ruby!.layers.some((m) => m.digest === l.digest));
  t.true(shared.length >= 4, 'debian and buildpack-deps layers');
  t.true(shared.every((l, i) => python!.layers[i] === l), 'shared layers are the bottom ones');
});

test('every startup references files that exist', (t) => {
  for (const image of hellobenchCatalogue(3)) {
    for (const op of image.startup) {
      if (op.op === 'compute') {
        t.true(op.sec >= 0);
        continue;
      }
      if (op.layer < 0) continue;
      const file = image.layers[op.layer]?.files[op.file];
      t.truthy(file, `${image.name}: ${JSON.stringify(op)}`);
      if (op.op === 'read') t.true(op.offsetBytes + op.lengthBytes <= file!.sizeBytes);
    }
  }
});
