// How wide a chart label is on this screen: measured on a canvas in the page's own font, so the
// label thinning works with the real glyphs (system fonts differ from one device to another).
import { CHART_FONT_SIZE, type MeasureText } from "./chart-layout";

/** About the widest average glyph of common sans-serif fonts, in em: a safe guess off-screen. */
const FALLBACK_EM_PER_CHAR = 0.65;

let canvasContext: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

function canvas(): CanvasRenderingContext2D | null {
  if (canvasContext === undefined) {
    canvasContext =
      typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  }
  return canvasContext;
}

/** Measures text at CHART_FONT_SIZE in `fontFamily`; a per-character guess without one. */
export function textMeasurer(fontFamily: string | undefined): MeasureText {
  const ctx = canvas();
  if (ctx === null || !fontFamily) {
    return (text) => text.length * CHART_FONT_SIZE * FALLBACK_EM_PER_CHAR;
  }
  const font = `${CHART_FONT_SIZE}px ${fontFamily}`;
  return (text) => {
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      ctx.font = font;
      width = ctx.measureText(text).width;
      cache.set(key, width);
    }
    return width;
  };
}
