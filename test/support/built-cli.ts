import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { PROJECT_ROOT } from "./real-data.js";

/** The built CLI; DECLICS_TEST_CLI runs the CLI tests on another build (e.g. the one before a fix). */
export const BUILT_CLI = process.env.DECLICS_TEST_CLI ?? resolve(PROJECT_ROOT, "dist", "cli", "main.js");

/** What one run of the built CLI gave. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`npm test` builds first) from the project root; never rejects: the exit code is in the result. */
export function runBuiltCli(args: readonly string[]): Promise<CliRun> {
  if (!existsSync(BUILT_CLI))
    throw new Error(`The built CLI is missing: ${BUILT_CLI}. Run \`npm run build\` first (npm test does it).`);
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BUILT_CLI, ...args],
      { cwd: PROJECT_ROOT, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, stdout, stderr });
      },
    );
  });
}
