// Runs a test/support script in a child process under one TZ and returns what it prints (JSON): the time-zone
// matrices of territory, curriculum and diversity compare these answers across zones.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./real-data.js";

/** The JSON answers of `test/support/<script>` run with `TZ=tz` and the cases in `DECLICS_TZ_CASES`. */
export function answersUnderTimeZone<T>(script: string, tz: string, cases: unknown): Promise<T> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ["--import", "tsx", resolve(PROJECT_ROOT, "test", "support", script)],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, TZ: tz, DECLICS_TZ_CASES: JSON.stringify(cases) },
        maxBuffer: 16 << 20,
      },
      (error, stdout, stderr) =>
        error === null ? done(JSON.parse(stdout) as T) : fail(new Error(`TZ=${tz}: ${stderr || String(error)}`)),
    );
  });
}
