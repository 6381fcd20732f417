/** Private helpers to write standalone, accessible SVG by hand (no DOM, no browser). */
import { escapeXml } from "../_lib/svg.js";

/** A `<text>` element at (x, y): `attributes` are written as given (trusted), `content` is escaped. */
export function svgText(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes === "" ? "" : ` ${attributes}`}>${escapeXml(content)}</text>`;
}

/** Rounds coordinates so the files stay small and stable. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** A percentage label, e.g. "30.8 %" (French typographic space before %). */
export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)} %`;
}

/** Colours chosen for contrast on white (WCAG AA for text) and for colour-blind readers (Okabe-Ito). */
export const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"] as const;
export const INK = "#1f1f1f";
export const MUTED = "#595959";

/** The document wrapper: role="img", title and desc referenced by aria-labelledby. */
export function svgDocument(
  id: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string[],
): string {
  const safeId = id.replace(/[^A-Za-z0-9_-]/g, "_");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-labelledby="${safeId}-title ${safeId}-desc" font-family="DejaVu Sans, Arial, Helvetica, sans-serif" font-size="12">`,
    `<title id="${safeId}-title">${escapeXml(title)}</title>`,
    `<desc id="${safeId}-desc">${escapeXml(description)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="15" font-weight="bold" fill="${INK}">${escapeXml(title)}</text>`,
    ...body,
    `</svg>`,
    "",
  ].join("\n");
}

/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/** Vertical grid lines and tick labels for a horizontal axis from 0 to max. */
export function axis(
  x0: number,
  width: number,
  y0: number,
  y1: number,
  max: number,
  format: (v: number) => string,
): string[] {
  const out: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const x = x0 + (width * k) / 4;
    out.push(`<line x1="${n(x)}" y1="${n(y0)}" x2="${n(x)}" y2="${n(y1)}" stroke="#d9d9d9" stroke-width="1"/>`);
    out.push(`<text x="${n(x)}" y="${n(y1 + 14)}" text-anchor="middle" fill="${MUTED}">${escapeXml(format(v))}</text>`);
  }
  return out;
}
