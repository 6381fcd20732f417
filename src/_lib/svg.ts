/**
 * Writing XML text by hand (the SVG charts of diversity, the evidence map of territory): the one escaper
 * of the library. No DOM, no browser.
 * @module
 */

/**
 * Characters XML 1.0 forbids anywhere in a document, even escaped: C0 controls other than tab, line feed and
 * carriage return, U+FFFE, U+FFFF, and UTF-16 surrogates that are not part of a pair.
 */
export const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * Escapes text for XML content and attribute values (`& < > " '`), and drops the characters XML 1.0 forbids
 * (they cannot be escaped: a document holding one is not well formed).
 *
 * @param text - any text, from the user or the data
 * @returns text safe inside an element or a quoted attribute
 * @example
 * ```ts
 * escapeXml('Saint-Denis <"Nord"> & co\u0007'); // => "Saint-Denis &lt;&quot;Nord&quot;&gt; &amp; co"
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(XML_ILLEGAL, "").replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}
