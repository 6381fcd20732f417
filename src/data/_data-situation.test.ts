import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataMissingAdvice, dataSituation, type DataSituation } from "./_data-situation.js";
import { findPackageDir } from "./_paths.js";

const root = mkdtempSync(join(tmpdir(), "declics-situation-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("dataSituation", () => {
  it("tells a checkout, an installed package, a bundle and a dir given apart", () => {
    const checkout = join(root, "declics");
    mkdirSync(join(checkout, "scripts"), { recursive: true });
    writeFileSync(join(checkout, "scripts", "build-data.ts"), "");
    const installed = join(root, "app", "node_modules", "declics");
    mkdirSync(installed, { recursive: true });
    const unpacked = join(root, "unpacked");
    mkdirSync(unpacked, { recursive: true });
    expect(dataSituation(false, checkout)).toBe("checkout");
    expect(dataSituation(false, installed)).toBe("installed_package");
    expect(dataSituation(false, unpacked)).toBe("installed_package");
    expect(dataSituation(false, null)).toBe("bundled");
    expect(dataSituation(true, checkout)).toBe("custom_dir");
  });

  it("finds this checkout from the source tree", () => {
    expect(dataSituation(false, findPackageDir())).toBe("checkout");
  });

  it("gives each situation its own advice, and build:data only in a checkout", () => {
    const situations: DataSituation[] = ["checkout", "installed_package", "bundled", "custom_dir"];
    const advice = situations.map(dataMissingAdvice);
    expect(new Set(advice).size).toBe(4);
    expect(advice.map((a) => a.includes("npm run build:data"))).toEqual([true, false, false, false]);
    expect(dataMissingAdvice("bundled")).toContain("{ dir }");
  });
});
