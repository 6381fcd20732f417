import type { InputIssue } from "../errors.js";
import { assessmentError } from "./_errors.js";
import type { IrtParameters } from "./item.js";

/** Throws `invalid_input` when IRT parameters are impossible (a <= 0, non-finite b, c outside [0, 1)). */
export function checkParameters(irt: IrtParameters, path = ""): void {
  const issues: InputIssue[] = [];
  const at = (k: string): string => (path === "" ? k : `${path}.${k}`);
  if (!Number.isFinite(irt.a) || irt.a <= 0)
    issues.push({
      path: at("a"),
      expected: { kind: "range", origin: "number", min: 0, inclusive: false },
      received: String(irt.a),
    });
  if (!Number.isFinite(irt.b))
    issues.push({
      path: at("b"),
      expected: { kind: "type", type: "number" },
      received: String(irt.b),
    });
  if (!Number.isFinite(irt.c) || irt.c < 0 || irt.c >= 1)
    issues.push({
      path: at("c"),
      expected: { kind: "range", origin: "number", min: 0, max: 1, inclusive: false },
      received: String(irt.c),
    });
  if (issues.length > 0) {
    throw assessmentError({
      code: "invalid_input",
      module: "assessment",
      details: { what: "IRT parameters", issues },
    });
  }
}
