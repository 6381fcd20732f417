/**
 * Runs the example test runner: `npx tsx examples/test-runner/main.ts [port]`, then
 *   curl -X POST localhost:8080/sessions
 */
import { createTestRunnerServer } from "./server.js";

const port = Number(process.argv[2] ?? 8080);
createTestRunnerServer().listen(port, "127.0.0.1", () => {
  process.stdout.write(`Test runner on http://127.0.0.1:${port}/sessions\n`);
});
