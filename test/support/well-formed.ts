import { XML_ILLEGAL } from "../../src/_lib/svg.js";

/**
 * A small XML well-formedness check for the tests of the SVG charts (no XML parser is installed, and
 * the charts must not need a browser): one root element, tags balanced and properly nested, attributes
 * quoted and not repeated, only the five predefined entities or character references, no stray `<`/`&`.
 * Returns the problems found (empty when well formed).
 */
export function wellFormedProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.search(XML_ILLEGAL) >= 0) {
    problems.push("character not allowed in XML 1.0");
  }
  let body = text;
  if (body.startsWith("<?xml")) {
    const end = body.indexOf("?>");
    if (end < 0) return ["unterminated XML declaration"];
    body = body.slice(end + 2);
  }
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const name = /^[A-Za-z_][\w.:-]*/;
  const checkText = (t: string): void => {
    const bad = t.match(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/);
    if (bad)
      problems.push(
        `bad entity near ${JSON.stringify(t.slice(Math.max(0, (bad.index ?? 0) - 10), (bad.index ?? 0) + 10))}`,
      );
  };
  while (i < body.length) {
    const lt = body.indexOf("<", i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    checkText(text);
    if (stack.length === 0 && text.trim() !== "")
      problems.push(`text outside the root: ${JSON.stringify(text.trim().slice(0, 20))}`);
    if (lt < 0) break;
    const gt = body.indexOf(">", lt);
    if (gt < 0) {
      problems.push("unterminated tag");
      break;
    }
    const tag = body.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith("!--")) {
      const end = body.indexOf("-->", lt);
      if (end < 0) problems.push("unterminated comment");
      i = end + 3;
      continue;
    }
    if (tag.startsWith("/")) {
      const closing = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== closing) problems.push(`</${closing}> closes <${open ?? "nothing"}>`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const inner = selfClosing ? tag.slice(0, -1) : tag;
    const m = inner.match(name);
    if (!m) {
      problems.push(`bad tag name in <${tag.slice(0, 20)}>`);
      continue;
    }
    let rest = inner.slice(m[0].length);
    const seen = new Set<string>();
    const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/;
    for (;;) {
      const a = rest.match(attr);
      if (!a) break;
      if (seen.has(a[1] as string)) problems.push(`repeated attribute ${a[1]} in <${m[0]}>`);
      seen.add(a[1] as string);
      checkText(a[3] ?? a[4] ?? "");
      rest = rest.slice(a[0].length);
    }
    if (rest.trim() !== "") problems.push(`malformed attributes in <${m[0]}>: ${JSON.stringify(rest.slice(0, 30))}`);
    if (stack.length === 0) roots++;
    if (!selfClosing) stack.push(m[0]);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
