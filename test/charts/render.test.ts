import test from 'ava';
import { renderPng, renderSvg, svgToPng } from '../../sim/charts/render.ts';
import { startupCdf } from '../../sim/charts/specs/startup-cdf.ts';
import { sweepHeatmap } from '../../sim/charts/specs/sweep-heatmap.ts';
import { containers, sweep } from './fixture.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkType = String.fromCharCode(...png.slice(12, 16));
  if (chunkType !== 'IHDR') throw new Error(`first chunk is ${chunkType}`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(
    svg,
  );
  if (!match) throw new Error('no size on the svg element');
  return { width: Number(match[1]), height: Number(match[2]) };
}

test('an SVG is the same bytes however often and whenever it renders', async (t) => {
  const heatmap = sweepHeatmap(sweep(), 'workers', 'cache_gb', 'p99_startup_s');
  const first = await renderSvg(heatmap);
  await renderSvg(startupCdf(containers()));
  await renderSvg(heatmap);
  const again = await renderSvg(heatmap);
  t.is(again, first);
  const together = await Promise.all([renderSvg(heatmap), renderSvg(heatmap)]);
  t.deepEqual(together, [first, first], 'concurrent renders do not share ids');
  t.notRegex(first, /\d{4}-\d{2}-\d{2}T\d{2}:/, 'no timestamps');
});

test('the CDF SVG draws a line per driver with titled axes and legend', async (t) => {
  const svg = await renderSvg(startupCdf(containers(), { cycle: 'deployment' }));
  t.true(svg.startsWith('<svg'));
  const lines = svg.match(/<path[^>]*aria-roledescription="line mark"/g) ?? [];
  t.is(lines.length, 2, 'one line per driver');
  const strokes = new Set(
    [...svg.matchAll(/stroke="(#d62728|#1f77b4)"/g)].map((m) => m[1]),
  );
  t.deepEqual([...strokes].sort(), ['#1f77b4', '#d62728'], 'aufs red and slacker blue');
  for (const text of [
    'Container startup time',
    'startup time (s)',
    'aufs',
    'slacker',
    '50%',
  ]) {
    t.true(svg.includes(`>${text}<`), `shows ${text}`);
  }
});

test('a PNG has the signature and the SVG size times the scale', async (t) => {
  const spec = startupCdf(containers());
  const svg = await renderSvg(spec);
  const size = svgSize(svg);
  const png = svgToPng(svg, { scale: 2 });
  t.deepEqual([...png.slice(0, 8)], PNG_SIGNATURE);
  t.deepEqual(svgToPng(svg, { scale: 2 }), png, 'same SVG, same PNG bytes');
  t.deepEqual(pngSize(png), { width: size.width * 2, height: size.height * 2 });
  const small = await renderPng(spec, { scale: 0.5 });
  t.deepEqual(pngSize(small), {
    width: Math.round(size.width / 2),
    height: Math.round(size.height / 2),
  });
  t.throws(() => svgToPng(svg, { scale: 0 }), { instanceOf: RangeError });
});
