/**
 * Offline rendering of Vega-Lite specs: compile to Vega, lay the scene out
 * headless (no canvas, no DOM) and serialise it as SVG; rasterise the SVG with
 * resvg for PNG. Nothing here touches the network, and the same spec always
 * gives the same bytes.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './theme.ts';

/** A loader that refuses every request: charts embed their data. */
function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  loader.load = async (uri: string) => {
    throw new Error(`charts render offline; refusing to load ${uri}`);
  };
  return loader;
}

/**
 * Renders a Vega-Lite spec to an SVG document. Sizes in the SVG are CSS
 * pixels. Throws if the spec does not compile.
 */
export function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Renders run one at a time: the id counters reset in step 3 are shared by
  // the whole module, and two interleaved renders would take ids from each other.
  const result = renderQueue.then(() => renderSvgNow(spec));
  renderQueue = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

let renderQueue: Promise<void> = Promise.resolve();

async function renderSvgNow(spec: TopLevelSpec): Promise<string> {
  // 1. Compile to Vega; warnings would go to the console, errors throw.
  const vegaSpec = vl.compile(spec, { logger: quietLogger() }).spec;

  // 2. Run the dataflow headless and lay out the scene.
  const view = new vega.View(vega.parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader(),
    logLevel: vega.Error,
  });
  try {
    await view.runAsync();

    // 3. Clip-path and gradient ids come from module-wide counters; restart
    //    them so a chart's SVG does not depend on what was rendered before.
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Options for {@link renderPng}. */
export interface PngOptions {
  /** Device pixels per CSS pixel of the SVG (2 gives a sharp image). */
  scale?: number;
  /** Extra font files to load besides the system's fonts. */
  fontFiles?: string[];
}

/**
 * Renders a Vega-Lite spec to PNG bytes. The image is the SVG's size times
 * `scale` pixels in each direction (rounded to whole pixels).
 */
export async function renderPng(
  spec: TopLevelSpec,
  options: PngOptions = {},
): Promise<Uint8Array> {
  return svgToPng(await renderSvg(spec), options);
}

/** Rasterises an SVG document (as produced by {@link renderSvg}) to PNG bytes. */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new RangeError(`PNG scale must be a positive number, got ${scale}`);
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      fontFiles: options.fontFiles ?? [],
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** A vega-lite logger that keeps warnings off the user's terminal. */
function quietLogger(): ReturnType<typeof vega.logger> {
  return vega.logger(vega.Error);
}
