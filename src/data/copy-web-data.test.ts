import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runDataCopy } from "../cli/data.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { copyWebData } from "./copy-web-data.js";

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "declics-web-copy-"));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("copyWebData", () => {
  it("refuses bad options and a folder without web data", async () => {
    await expect(copyWebData({} as never)).rejects.toMatchObject({ code: "invalid_input" });
    await expect(copyWebData({ dir: temp(), from: temp() })).rejects.toMatchObject({
      code: "data_missing",
      message: expect.stringContaining("npm run build:data"),
    });
  });

  describe.skipIf(!hasRealData(buildPath("web", "manifest.json")))("on the real web data", () => {
    it("copies every file the manifest lists, checked, and removes stale files of an older copy", async () => {
      const dir = temp();
      writeFileSync(join(dir, "manifest.json"), readFileSync(buildPath("web", "manifest.json")));
      const first = await copyWebData({ dir });
      expect(first.files).toBeGreaterThan(300);
      expect(existsSync(join(dir, "communes", "index.json.gz"))).toBe(true);
      expect(readFileSync(join(dir, "manifest.json"))).toEqual(readFileSync(buildPath("web", "manifest.json")));
      // An older copy listed a tile that the new data no longer has: it goes.
      const index = JSON.parse(gunzipSync(readFileSync(join(dir, "communes", "index.json.gz"))).toString("utf8")) as {
        tiles: Record<string, object>;
      };
      const someTile = Object.values(index.tiles)[0]!;
      index.tiles["999_999"] = { ...someTile, file: "communes/999_999.bin.gz" };
      writeFileSync(join(dir, "communes", "index.json.gz"), gzipSync(JSON.stringify(index)));
      writeFileSync(join(dir, "communes", "999_999.bin.gz"), "stale");
      const again = await copyWebData({ dir });
      expect(again).toEqual({ ...first, removed: 1 });
      expect(existsSync(join(dir, "communes", "999_999.bin.gz"))).toBe(false);
    });

    it("refuses a source file that differs from the manifest (data_integrity)", async () => {
      const from = temp();
      cpSync(buildPath("web"), from, { recursive: true });
      const file = join(from, "qpv2015-occitanie.layer.bin.gz");
      const bytes = readFileSync(file);
      bytes[bytes.length - 9]! ^= 0xff;
      writeFileSync(file, bytes);
      await expect(copyWebData({ dir: temp(), from })).rejects.toMatchObject({ code: "data_integrity" });
    });

    it("`declics data copy DIR` says where and how much", async () => {
      let out = "";
      const stdout = new Writable({ write: (chunk: Buffer, _e, done) => ((out += chunk.toString()), done()) });
      const dir = temp();
      expect(await runDataCopy(dir, { lang: "en" }, { stdout, copy: copyWebData })).toBe(0);
      expect(out).toMatch(
        new RegExp(`Web data copied to ${dir}: \\d+ files, \\d+\\.\\d MiB \\(0 stale files removed\\)`),
      );
    });
  });
});
