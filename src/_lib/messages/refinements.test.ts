// Every custom zod refinement of src says what it expects in both languages (issue #11, "Errors that help"):
// a refinement without `params.expected` becomes `{ kind: "custom" }`, whose French message can only say
// "une valeur qui passe le contrôle de ce champ". The sites are found in the syntax tree of every production
// file: `.refine(check, …)`, `z.custom(check, …)`, `ctx.addIssue({…})`, `ctx.issues.push({ code: "custom", … })`,
// and `.superRefine(…)`, whose issues are its `addIssue` calls.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { foreignWords } from "../../../test/support/foreign-words.js";

const src = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Site {
  /** `file:line`, relative to src. */
  readonly at: string;
  readonly kind: "refine" | "custom" | "superRefine" | "addIssue" | "issues.push";
  /** Whether the call gives a bilingual expectation (`expecting(en, fr)` or `params: { expected }`). */
  readonly expects: boolean;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__fixtures__" ? [] : productionFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

const calleeName = (call: ts.CallExpression): string | undefined =>
  ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : undefined;

const isCall = (node: ts.Node, name: string): node is ts.CallExpression =>
  ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name;

/** The static words of a string or template literal (the `${…}` parts left out). */
function literalText(node: ts.Node | undefined): string {
  if (node === undefined) return "";
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ");
  if (ts.isBinaryExpression(node)) return `${literalText(node.left)} ${literalText(node.right)}`;
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return "";
}

/** Whether a node is text written in place: string and template literals, joined with `+`. */
function isWrittenText(node: ts.Node | undefined): boolean {
  if (node === undefined) return false;
  if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isWrittenText(node.expression);
  return ts.isBinaryExpression(node) && isWrittenText(node.left) && isWrittenText(node.right);
}

/**
 * Whether an options argument carries an expectation: `expecting(…)`, `{ ...expecting(…) }`,
 * `{ params: { expected } }`, or a constant of the same file set to one of these.
 */
function carriesExpectation(arg: ts.Expression | undefined, constants: ReadonlyMap<string, ts.Expression>): boolean {
  if (arg === undefined) return false;
  if (ts.isIdentifier(arg)) return constants.has(arg.text) && carriesExpectation(constants.get(arg.text), new Map());
  if (isCall(arg, "expecting")) return true;
  if (!ts.isObjectLiteralExpression(arg)) return false;
  return arg.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return isCall(p.expression, "expecting");
    if (!ts.isPropertyAssignment(p) || p.name.getText() !== "params") return false;
    const params = p.initializer;
    return (
      ts.isObjectLiteralExpression(params) &&
      params.properties.some((q) => q.name?.getText() === "expected" && !ts.isSpreadAssignment(q))
    );
  });
}

/** Whether an issue object says its code is "custom" (an issue of another code has zod's own expectation). */
function isCustomIssue(arg: ts.Expression | undefined): boolean {
  if (arg === undefined || !ts.isObjectLiteralExpression(arg)) return true;
  const code = arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === "code");
  return code === undefined || (ts.isPropertyAssignment(code) && literalText(code.initializer) === "custom");
}

interface Texts {
  readonly at: string;
  readonly call: "expecting" | "rule";
  readonly en: string;
  readonly fr: string;
  /** Whether the French is written in place (a string or template literal), not passed in a variable. */
  readonly literal: boolean;
}

/** The static texts of every `expecting(en, fr)` and `rule(en, fr)` call of a source text. */
function textsIn(file: ts.SourceFile): Texts[] {
  const fileName = file.fileName;
  const found: Texts[] = [];
  const visit = (n: ts.Node): void => {
    if (isCall(n, "expecting") || isCall(n, "rule")) {
      const line = file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
      const [en, fr] = n.arguments;
      found.push({
        at: `${fileName}:${line}`,
        call: isCall(n, "expecting") ? "expecting" : "rule",
        en: literalText(en),
        fr: literalText(fr),
        literal: isWrittenText(fr),
      });
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

/** The refinement sites of one source text. */
function refinementSites(file: ts.SourceFile): Site[] {
  const fileName = file.fileName;
  const sites: Site[] = [];
  const constants = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer !== undefined)
      constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, collect);
  };
  collect(file);
  const carries = (arg: ts.Expression | undefined): boolean => carriesExpectation(arg, constants);
  const add = (node: ts.CallExpression, kind: Site["kind"], expects: boolean): void => {
    const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node;
    const line = file.getLineAndCharacterOfPosition(callee.getStart(file)).line + 1;
    sites.push({ at: `${fileName}:${line}`, kind, expects });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const [first, second] = node.arguments;
      if (name === "refine") add(node, "refine", carries(second));
      // z.custom<T>() without a check accepts everything: it can raise no issue.
      if (name === "custom" && first !== undefined) add(node, "custom", carries(second));
      if (name === "addIssue") add(node, "addIssue", !isCustomIssue(first) || carries(first));
      if (
        name === "push" &&
        /\.issues$/.test(node.expression.getText(file).replace(/\.push$/, "")) &&
        isCustomIssue(first)
      )
        add(node, "issues.push", carries(first));
      if (name === "superRefine") {
        // Its issues are its addIssue / issues.push calls, each a site of its own; it must raise some.
        const raises = /\.addIssue\(|\.issues\.push\(/.test(node.getText(file));
        add(node, "superRefine", raises);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}

const parse = (fileName: string, text: string): ts.SourceFile =>
  ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
const files = productionFiles(src).map((path) => parse(relative(src, path), readFileSync(path, "utf8")));
const sites = files.flatMap(refinementSites);

describe("the custom refinements of src", () => {
  it("are found (the scan sees every kind of site)", () => {
    const kinds = new Set(sites.map((s) => s.kind));
    expect([...kinds].sort()).toEqual(["addIssue", "custom", "issues.push", "refine", "superRefine"]);
    expect(sites.length).toBeGreaterThan(60);
  });

  it("each give a bilingual expectation: expecting(en, fr) or params: { expected }", () => {
    expect(sites.filter((s) => !s.expects).map((s) => `${s.at} (${s.kind})`)).toEqual([]);
  });

  it("write their French without English words, and their English without French words", () => {
    const texts = files.flatMap(textsIn);
    expect(texts.length).toBeGreaterThan(40);
    for (const t of texts) {
      expect({ at: t.at, fr: foreignWords(t.fr, "fr") }).toEqual({ at: t.at, fr: [] });
      expect({ at: t.at, en: foreignWords(t.en, "en") }).toEqual({ at: t.at, en: [] });
    }
    // Each expecting(en, fr) of a refinement is translated: a French text of its own, written in place.
    const refinements = texts.filter(
      (t) => t.call === "expecting" && t.at.split(":")[0] !== "_lib/messages/vocabulary.ts",
    );
    expect(refinements.length).toBeGreaterThan(50);
    for (const t of refinements)
      expect({ at: t.at, literal: t.literal, translated: t.fr.trim() !== "" && t.fr !== t.en }).toEqual({
        at: t.at,
        literal: true,
        translated: true,
      });
  });

  it("would catch a refinement without an expectation (the scan can fail)", () => {
    const text = [
      'const A = z.number().refine((n) => n > 0, { message: "a positive number" });',
      'const B = z.custom<string>((v) => typeof v === "string", "a string");',
      "const C = z.array(z.string()).superRefine((v, ctx) => {",
      '  ctx.addIssue({ code: "custom", path: [0], message: "a unique value" });',
      '  ctx.addIssue({ code: "too_small", origin: "array", minimum: 1, input: v });',
      "});",
      "const D = z.string().transform((v, ctx) => {",
      '  ctx.issues.push({ code: "custom", message: "no Date", input: v });',
      "  return v;",
      "});",
      'const E = z.number().refine((n) => n > 0, { ...expecting("a positive number", "un nombre positif"), path: [] });',
      'const F = z.custom<string>((v) => v === "x", { message: "x", params: { expected: { kind: "calendar_day" } } });',
      "const G = z.custom<string>();",
      'const H = expecting("a Date", "une Date");',
      "const I = z.custom<Date>((v) => v instanceof Date, H);",
      'const J = { message: "a Date" };',
      "const K = z.custom<Date>((v) => v instanceof Date, J);",
    ].join("\n");
    const found = refinementSites(parse("sample.ts", text)).map((s) => `${s.at} ${s.kind} ${s.expects}`);
    expect(found).toEqual([
      "sample.ts:1 refine false",
      "sample.ts:2 custom false",
      "sample.ts:3 superRefine true",
      "sample.ts:4 addIssue false",
      "sample.ts:5 addIssue true",
      "sample.ts:8 issues.push false",
      "sample.ts:11 refine true",
      "sample.ts:12 custom true",
      "sample.ts:15 custom true",
      "sample.ts:17 custom false",
    ]);
  });
});
