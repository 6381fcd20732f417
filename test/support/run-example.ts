// Finds the examples of the README, the guides and the JSDoc, and turns each into a module that checks its
// `// => value` lines (test/docs/examples.test.ts runs them). The rules are in CONTRIBUTING.md, "Examples".
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

export interface Example {
  /** Where it comes from, relative to the repository: `docs/diversity.md:120`. */
  where: string;
  /** The example's code, as a reader sees it. */
  code: string;
  /** Why it does not run here (`// @network` or `// @browser` on its first line), or null. */
  skip: string | null;
}

/** The fence languages that run. Any other fence (```sh, ```text, ```json…) is shown, not run. */
const RUN_FENCES = ["ts", "typescript"];
/** First-line markers of the examples that cannot run here, and what the skip says. */
const MARKERS: Record<string, string> = { network: "needs the network", browser: "runs in a browser page" };
const MARKER = /^\/\/ @(network|browser)\b:?\s*(.*)$/;

function example(where: string, code: string): Example {
  const marker = MARKER.exec(code.split("\n", 1)[0]!.trim());
  return { where, code, skip: marker ? `${MARKERS[marker[1]!]}${marker[2] ? `: ${marker[2]}` : ""}` : null };
}

/** The ```ts blocks of a Markdown file (indented blocks, as in lists, included). */
export function markdownExamples(root: string, file: string): Example[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, lang] = open;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== "```") end++;
    if (RUN_FENCES.includes(lang!)) {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent!) ? l.slice(indent!.length) : l));
      out.push(example(`${file}:${i + 2}`, body.join("\n")));
    }
    i = end;
  }
  return out;
}

/** The ```ts blocks that follow an `@example` tag in a source file's JSDoc. */
export function jsdocExamples(root: string, file: string): Example[] {
  const text = readFileSync(join(root, file), "utf8");
  const out: Example[] = [];
  for (const m of text.matchAll(/@example[^\n]*\n\s*\*\s*```(\w*)\n([\s\S]*?)\n\s*\*\s*```/g)) {
    if (!RUN_FENCES.includes(m[1]!)) continue;
    const line = text.slice(0, m.index).split("\n").length + 2;
    const code = m[2]!
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    out.push(example(`${file}:${line}`, code));
  }
  return out;
}

/** Module sources for the package's import names (declics/data/web/… files are not modules). */
const MODULES: Record<string, string> = {
  declics: "src/index.ts",
  "declics/territory": "src/territory/index.ts",
  "declics/curriculum": "src/curriculum/index.ts",
  "declics/assessment": "src/assessment/index.ts",
  "declics/diversity": "src/diversity/index.ts",
  "declics/data": "src/data/index.ts",
};

/** `...` that stands for "the rest" (not a spread): followed by `,`, `}` or `]`, or by a comment. */
function markRest(value: string): string {
  let out = "";
  const stack: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < value.length && value[j] !== c) j += value[j] === "\\" ? 2 : 1;
      out += value.slice(i, j + 1);
      i = j;
    } else if (value.startsWith("...", i) && /^\.\.\.\s*([,}\]]|$)/.test(value.slice(i))) {
      out += stack[stack.length - 1] === "{" ? "[__REST]: true" : "__REST";
      i += 2;
    } else {
      if ("{[(".includes(c)) stack.push(c);
      if ("}])".includes(c)) stack.pop();
      out += c;
    }
  }
  return out;
}

function depth(text: string): number {
  const clean = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "");
  return (clean.match(/[[{(]/g)?.length ?? 0) - (clean.match(/[\]})]/g)?.length ?? 0);
}

/** The `// => value` comment right after `end` (same line or next line) and its continuation lines. */
function shownValueAfter(code: string, end: number): { value: string; line: number } | null {
  // Same line, or next line (after an ordinary comment on the statement's own line).
  const m = /^[ \t]*(?:(?:\/\/(?! =>)[^\n]*)?\r?\n[ \t]*)?\/\/ => ?(.*)/.exec(code.slice(end));
  if (!m) return null;
  let value = m[1]!;
  let cursor = end + m[0].length;
  while (depth(value) > 0) {
    const next = /^\r?\n[ \t]*\/\/(.*)/.exec(code.slice(cursor));
    if (!next) break;
    value += `\n${next[1]}`;
    cursor += next[0].length;
  }
  return { value: markRest(value.trim()), line: code.slice(0, end).split("\n").length };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function checkEdits(code: string, label: (line: number) => string): Edit[] {
  const source = ts.createSourceFile("example.ts", code, ts.ScriptTarget.Latest, true);
  const edits: Edit[] = [];
  const visit = (node: ts.Node): void => {
    const shown =
      ts.isExpressionStatement(node) || ts.isVariableStatement(node) ? shownValueAfter(code, node.end) : null;
    if (shown && ts.isExpressionStatement(node)) {
      const expr = node.expression.getText(source);
      const text = `__check(${expr}, (${shown.value}), ${JSON.stringify(label(shown.line))});`;
      edits.push({ start: node.getStart(source), end: node.end, text });
      return;
    }
    if (shown && ts.isVariableStatement(node)) {
      const [decl] = node.declarationList.declarations;
      if (node.declarationList.declarations.length === 1 && decl && ts.isIdentifier(decl.name)) {
        const text = `\n__check(${decl.name.text}, (${shown.value}), ${JSON.stringify(label(shown.line))});`;
        edits.push({ start: node.end, end: node.end, text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edits;
}

/** The example as a module: package imports mapped to the sources, each `expr; // => value` a check. */
function instrument(ex: Example, moduleDir: string, root: string, checkModule: string): string {
  const [file, startLine] = [ex.where.replace(/:\d+$/, ""), Number(/:(\d+)$/.exec(ex.where)![1])];
  const edits = checkEdits(ex.code, (line) => `${file}:${startLine + line - 1}`).sort((a, b) => b.start - a.start);
  let code = ex.code;
  for (const e of edits) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  code = code.replace(/(from\s+|import\s*\(\s*)"(declics(?:\/[\w-]+)?)"/g, (whole, lead: string, name: string) => {
    const target = MODULES[name];
    if (!target) throw new Error(`${ex.where}: unknown import "${name}"`);
    return `${lead}"${toImport(relative(moduleDir, join(root, target)))}"`;
  });
  const check = toImport(relative(moduleDir, checkModule));
  return `import { checkExample as __check, REST as __REST } from "${check}";\n${code}\n`;
}

function toImport(path: string): string {
  const posix = path.split("\\").join("/").replace(/\.ts$/, ".js");
  return posix.startsWith(".") ? posix : `./${posix}`;
}

/** Writes the instrumented example to `dir` (under a name derived from its content) and returns the path. */
export function writeExampleModule(ex: Example, dir: string, root: string, checkModule: string): string {
  const body = instrument(ex, dir, root, checkModule);
  const slug = ex.where.replace(/[^\w]+/g, "-");
  const path = join(dir, `${slug}-${createHash("sha256").update(body).digest("hex").slice(0, 8)}.ts`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, body);
  return path;
}
