import { DeclicsError, type InputIssue } from "../errors.js";
import type { IrtParameters } from "./item.js";

/** Throws `invalid_input` when IRT parameters are impossible (a <= 0, non-finite b, c outside [0, 1)). */
export function checkParameters(irt: IrtParameters, path = ""): void {
  const issues: InputIssue[] = [];
  const at = (k: string): string => (path === "" ? k : `${path}.${k}`);
  if (!Number.isFinite(irt.a) || irt.a <= 0)
    issues.push({
      path: at("a"),
      expected: "finite number > 0",
      received: String(irt.a),
      message: "discrimination must be positive",
    });
  if (!Number.isFinite(irt.b))
    issues.push({
      path: at("b"),
      expected: "finite number",
      received: String(irt.b),
      message: "difficulty must be finite",
    });
  if (!Number.isFinite(irt.c) || irt.c < 0 || irt.c >= 1)
    issues.push({
      path: at("c"),
      expected: "number in [0, 1)",
      received: String(irt.c),
      message: "guessing must be in [0, 1)",
    });
  if (issues.length > 0) {
    throw new DeclicsError({
      code: "invalid_input",
      module: "assessment",
      message: `Invalid IRT parameters: ${issues.map((i) => `${i.path}: expected ${i.expected}, received ${i.received}`).join("; ")}`,
      details: { what: "IRT parameters", issues },
    });
  }
}
