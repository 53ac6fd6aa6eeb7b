/**
 * The validator on schemas of its own: the first-problem walk, the ajv guard
 * behind it for keywords the walk does not know, and unit conversion.
 */
import test from 'ava';
import { InputError } from '../../sim/errors.ts';
import { SourceDocument } from '../../sim/scenario/document.ts';
import { convertUnits, validate, type SchemaNode } from '../../sim/scenario/validate.ts';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['step'],
  properties: {
    step: { type: 'integer', multipleOf: 5 },
    link: { type: 'string', unit: 'rate' },
    sizes: { type: 'array', items: { type: 'string', unit: 'size' } },
  },
};

function check(text: string): unknown {
  const source = SourceDocument.parse('s.yaml', text);
  const data = source.toJS();
  return validate(source, data, schema);
}

test('a keyword the walk does not know is still enforced, with a located message', (t) => {
  t.notThrows(() => check('step: 10\n'));
  const error = t.throws(() => check('link: 1Gbit/s\nstep: 7\n'), { instanceOf: InputError });
  t.is(error?.message, 's.yaml:2:1: step: expected an integer that must be multiple of 5, found 7');
});

test('the walk reports the first problem in document order', (t) => {
  const error = t.throws(() => check('link: 100\nstep: x\n'), { instanceOf: InputError });
  t.regex(error?.message ?? '', /^s\.yaml:1:1: link: expected a rate with a unit, .*found the bare number 100/);
});

test('convertUnits turns unit strings into SI numbers and leaves the rest', (t) => {
  const data = { step: 5, link: '1Gbit/s', sizes: ['4KiB', '1MB'] };
  t.deepEqual(convertUnits(data, schema as SchemaNode), {
    step: 5,
    link: 125e6,
    sizes: [4096, 1e6],
  });
});
