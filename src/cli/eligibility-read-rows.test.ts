import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inspectInput } from "./eligibility-read-rows.js";

const dir = mkdtempSync(join(tmpdir(), "declics-read-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A `lon;lat` file of ASCII rows, `bytes` long, with `insert` written at `at`. */
function fileWith(name: string, bytes: number, at: number, insert: Buffer): string {
  const row = Buffer.from("1,5;43,6\n");
  const body = Buffer.alloc(bytes);
  for (let k = 0; k < bytes; k += row.length) row.copy(body, k);
  Buffer.from("lon;lat\n").copy(body, 0);
  insert.copy(body, at);
  const path = join(dir, name);
  writeFileSync(path, body);
  return path;
}

const MiB = 1 << 20;

describe("inspectInput (the encoding of the whole file)", () => {
  it("sees a stray Windows-1252 byte far past the sample in a UTF-8 file: a mixed file", async () => {
    const path = fileWith("late.csv", 3 * MiB, 3 * MiB - 100, Buffer.from([0x4c, 0x4f, 0xc3, 0x8f, 0x43, 0x3b, 0xcf]));
    expect(await inspectInput(path, {})).toMatchObject({ encoding: "utf-8", mixed: true });
  });

  it("reads a file whose only non-ASCII bytes are Windows-1252 as Windows-1252, not mixed", async () => {
    const path = fileWith("cp1252.csv", 2 * MiB, MiB + 5000, Buffer.from([0xc9, 0x6c, 0xe9, 0x6f]));
    expect(await inspectInput(path, {})).toMatchObject({ encoding: "windows-1252", mixed: false });
  });

  it("does not take a Windows-1252 lead-like byte cut at a read boundary for a UTF-8 character", async () => {
    // 0xC3 ("Ã" in Windows-1252) is the last byte of the first 1 MiB read, followed by ASCII: not UTF-8.
    const path = fileWith("boundary.csv", 2 * MiB, MiB - 1, Buffer.from([0xc3]));
    expect(await inspectInput(path, {})).toMatchObject({ encoding: "windows-1252", mixed: false });
  });

  it("keeps a UTF-8 character cut at a read boundary whole: a UTF-8 file", async () => {
    const path = fileWith("utf8.csv", 2 * MiB, MiB - 1, Buffer.from("é"));
    expect(await inspectInput(path, {})).toMatchObject({ encoding: "utf-8", mixed: false });
  });

  it("says an incomplete UTF-8 sequence at the very end is not UTF-8", async () => {
    const path = join(dir, "end.csv");
    writeFileSync(path, Buffer.concat([Buffer.from("lon;lat\n1;2 é\n"), Buffer.from([0xc3])]));
    expect(await inspectInput(path, {})).toMatchObject({ encoding: "utf-8", mixed: true });
  });
});
