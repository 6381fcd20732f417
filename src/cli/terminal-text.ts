/**
 * Makes text from files safe to print on a terminal.
 * @module
 */

// C0 controls except line feed, DEL, C1 controls, and the bidirectional overrides that can reorder a line.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Replaces control characters (escape sequences that could move the cursor, change colours, set the window
 * title or rewrite the line, and bidirectional overrides) by a visible `\xHH` / `\u{HHHH}` form. Line feeds are
 * kept. Every message that quotes a file's contents (headers, cells, file names) goes through it.
 *
 * @param text - text that may come from a hostile file
 * @returns the same text with control characters made visible
 * @example
 * ```ts
 * sanitiseForTerminal("nom\u001b[2J"); // => "nom\\x1B[2J"
 * ```
 */
export function sanitiseForTerminal(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
      : `\\u{${code.toString(16).toUpperCase()}}`;
  });
}
