import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { openSink, OutputClosed, prepareOutput, removePendingOutputs } from "./eligibility-output-target.js";

const dir = mkdtempSync(join(tmpdir(), "declics-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, "in.csv");
writeFileSync(input, "a\n");
const inputId = { path: input, dev: statSync(input).dev, ino: statSync(input).ino };

describe("prepareOutput and openSink (the output file)", () => {
  it("writes to a random, exclusive temporary file beside the target and renames it only on commit", async () => {
    const target = await prepareOutput(join(dir, "out.csv"), inputId);
    const [one, two] = [await openSink(target, process.stdout), await openSink(target, process.stdout)];
    const temps = readdirSync(dir).filter((f) => f.endsWith(".tmp"));
    expect(temps).toHaveLength(2);
    for (const name of temps) expect(name).toMatch(/^\.out\.csv\.[0-9a-f]{16}\.tmp$/);
    await one.write(Buffer.from("x\n"));
    await one.commit();
    await two.abort();
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe("x\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("writes in order when many writes are pending at once (the writer does not wait for each)", async () => {
    const sink = await openSink(await prepareOutput(join(dir, "order.csv"), inputId), process.stdout);
    const pieces = Array.from({ length: 200 }, (_, k) => Buffer.from(`${k};${"x".repeat(k * 37)}\n`));
    await Promise.all(pieces.map((piece) => sink.write(piece)));
    await sink.commit();
    expect(readFileSync(join(dir, "order.csv"))).toEqual(Buffer.concat(pieces));
  });

  it("removes pending temporary files on interruption", async () => {
    const sink = await openSink(await prepareOutput(join(dir, "cut.csv"), inputId), process.stdout);
    expect(removePendingOutputs()).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    await sink.abort();
  });

  it("refuses the input (also through a link), devices and folders; says a missing folder is unavailable", async () => {
    // prepareOutput only looks (stat): nothing is ever written to these devices by this test.
    symlinkSync(input, join(dir, "link.csv"));
    for (const target of [input, join(dir, "link.csv"), "/dev/null", "/dev/full", dir])
      await expect(prepareOutput(target, inputId)).rejects.toSatisfy((e) => isDeclicsError(e, "usage"));
    await expect(prepareOutput(join(dir, "nope", "out.csv"), inputId)).rejects.toSatisfy((e) =>
      isDeclicsError(e, "output_unavailable"),
    );
  });

  it("ends quietly when standard output's reader is gone, and reports other write errors", async () => {
    const gone = new Writable({ write: (_c, _e, done) => done(Object.assign(new Error("EPIPE"), { code: "EPIPE" })) });
    gone.on("error", () => undefined);
    const sink = await openSink({ kind: "stdout" }, gone);
    await expect(sink.write(Buffer.from("x")).then(() => sink.commit())).rejects.toBeInstanceOf(OutputClosed);
    const full = new Writable({
      write: (_c, _e, done) => done(Object.assign(new Error("ENOSPC: no space left"), { code: "ENOSPC" })),
    });
    full.on("error", () => undefined);
    const fullSink = await openSink({ kind: "stdout" }, full);
    await expect(fullSink.write(Buffer.from("x")).then(() => fullSink.commit())).rejects.toSatisfy((e) =>
      isDeclicsError(e, "output_unavailable"),
    );
  });
});
