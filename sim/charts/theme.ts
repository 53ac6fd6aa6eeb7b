/**
 * The look shared by every chart: one font that exists on a plain Debian
 * machine (so the PNG renderer finds it offline), one size, and one colour per
 * storage driver so that "slacker" is the same colour in every picture.
 */
import type { TopLevelSpec } from 'vega-lite';

/** Font family the charts ask for; shipped by Debian's fonts-dejavu-core. */
export const CHART_FONT = 'DejaVu Sans';

/** Default size of a single chart's plotting area, in CSS pixels. */
export const CHART_WIDTH_PX = 480;
export const CHART_HEIGHT_PX = 300;

/** Colours for drivers we know, in the order they appear in legends. */
const KNOWN_DRIVERS: [string, string][] = [
  ['aufs', '#d62728'],
  ['overlayfs', '#ff7f0e'],
  ['slacker', '#1f77b4'],
  ['estargz', '#2ca02c'],
  ['soci', '#9467bd'],
  ['nydus', '#8c564b'],
  ['overlaybd', '#e377c2'],
  ['p2p', '#17becf'],
];

/** Colours handed to drivers we do not know, in turn. */
const SPARE_COLOURS = ['#7f7f7f', '#bcbd22', '#393b79', '#637939', '#843c39', '#7b4173'];

/**
 * A colour scale for the given drivers: known ones keep their fixed colour,
 * others get spare colours in order of first appearance.
 *
 * @example driverColourScale(['slacker', 'aufs']) // domain ['aufs', 'slacker']
 */
export function driverColourScale(drivers: Iterable<string>): {
  domain: string[];
  range: string[];
} {
  const present = new Set(drivers);
  const domain: string[] = [];
  const range: string[] = [];
  for (const [name, colour] of KNOWN_DRIVERS) {
    if (!present.has(name)) continue;
    domain.push(name);
    range.push(colour);
    present.delete(name);
  }
  let spare = 0;
  for (const name of present) {
    domain.push(name);
    range.push(SPARE_COLOURS[spare++ % SPARE_COLOURS.length]!);
  }
  return { domain, range };
}

/** The Vega-Lite `config` block every chart carries. */
export const chartConfig = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: {
    stroke: '#bbb',
    continuousWidth: CHART_WIDTH_PX,
    continuousHeight: CHART_HEIGHT_PX,
  },
  title: {
    fontSize: 14,
    anchor: 'start' as const,
    subtitleFontSize: 11,
    subtitleColor: '#555',
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    gridColor: '#e6e6e6',
    titleFontWeight: 'normal' as const,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' as const },
  header: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: SPARE_COLOURS },
};

/** Wraps a chart body into a complete, themed top-level Vega-Lite spec. */
export function themed(
  title: string,
  subtitle: string | undefined,
  body: Record<string, unknown>,
): TopLevelSpec {
  const heading = subtitle ? { text: title, subtitle } : { text: title };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: heading,
    config: chartConfig,
    ...body,
  } as TopLevelSpec;
}
