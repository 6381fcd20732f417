import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTerritoryData } from "../../src/data/index.js";
import {
  checkEligibility,
  getZoneOutline,
  type EligibilityResult,
  type SyncEligibilitySubject,
  type TerritoryData,
} from "../../src/territory/index.js";
import { PROJECT_ROOT, buildPath, hasRealData } from "../support/real-data.js";
import { startStaticServer, type Served } from "../support/static-server.js";

/**
 * examples/web in a real browser: the page is built with vite from the PACKED tarball (installed like a user
 * would), served by a local static host that compresses like an ordinary one, and driven in Debian's chromium
 * (playwright-core with executablePath: no browser download). Answers are compared with the library in Node
 * on the same data; bytes are counted on the server.
 */

const CHROMIUM = process.env.DECLICS_CHROMIUM ?? "/usr/bin/chromium";
const EXAMPLE = join(PROJECT_ROOT, "examples", "web");
const WORK = join(PROJECT_ROOT, ".tmp", "web-example");
const OUT = join(PROJECT_ROOT, "test-output", "browser");
const inCi = process.env.CI === "true" || process.env.CI === "1";
const DAY = "2026-12-01";
const on = new Date(`${DAY}T12:00:00Z`);

/**
 * node_modules holding the packed tarball as npm installed it: scripts/check-package.mjs (part of `npm test`)
 * packs declics, installs the tarball into test/consumers, then runs this file with this variable set. The
 * plain `vitest run` skips it (no tarball yet).
 */
const PACKED = process.env.DECLICS_PACKED_NODE_MODULES;
if (PACKED !== undefined && inCi && !existsSync(CHROMIUM))
  throw new Error(`${CHROMIUM} missing in CI: .ci/run installs Debian's chromium (apt-get install -y chromium).`);
const ready =
  PACKED !== undefined &&
  existsSync(join(PACKED, "declics", "package.json")) &&
  existsSync(CHROMIUM) &&
  hasRealData(buildPath("web", "manifest.json"));

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

interface PageAnswer {
  readonly status: string;
  readonly text: string;
  readonly reasons: string[];
  readonly map: boolean;
}

describe.skipIf(!ready)(
  "examples/web in Debian's chromium (run by npm run check:package on the packed tarball)",
  () => {
    let browser: Browser;
    let server: Awaited<ReturnType<typeof startStaticServer>>;
    let data: TerritoryData;

    beforeAll(async () => {
      // 1. The example, in a scratch folder whose node_modules is the packed tarball as npm installed it.
      rmSync(WORK, { recursive: true, force: true });
      mkdirSync(WORK, { recursive: true });
      for (const entry of ["index.html", "src", "vite.config.ts", "tsconfig.json", "package.json"])
        cpSync(join(EXAMPLE, entry), join(WORK, entry), { recursive: true });
      symlinkSync(PACKED!, join(WORK, "node_modules"), "dir");
      // 2. The published types are enough for the page (moduleResolution bundler); vite builds it; the
      //    package's own bin copies the data next to it (`declics data copy`, as the example's README says).
      run("node", [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], WORK);
      await build({ root: WORK, configFile: join(WORK, "vite.config.ts"), logLevel: "silent" });
      run(
        "node",
        [join(PACKED!, "declics", "dist", "cli", "main.js"), "data", "copy", join(WORK, "dist", "declics-data")],
        WORK,
      );
      server = await startStaticServer(join(WORK, "dist"));
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      });
      data = await loadTerritoryData();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function open(): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
      const page = await context.newPage();
      await page.goto(server.url);
      return page;
    }

    async function ask(page: Page, kind: string, value: string): Promise<PageAnswer> {
      const done = Number((await page.getAttribute("body", "data-done")) ?? 0);
      await page.selectOption("#kind", kind);
      await page.fill("#value", value);
      await page.fill("#on", DAY);
      await page.click("#check");
      await page.waitForFunction((n) => Number(document.body.dataset.done ?? 0) > n, done, { timeout: 20_000 });
      return page.evaluate(() => ({
        status: document.getElementById("status")!.className,
        text: document.getElementById("status")!.textContent ?? "",
        reasons: Array.from(document.querySelectorAll("#reasons li")).map(
          (li) => `${(li as HTMLElement).dataset.code}: ${li.textContent}`,
        ),
        map: document.querySelector("#map svg") !== null,
      }));
    }

    const expected = (subject: SyncEligibilitySubject): EligibilityResult => checkEligibility(subject, { on, data });
    const dataBytes = (served: readonly Served[]): number =>
      served.filter((s) => s.path.includes("/declics-data/")).reduce((sum, s) => sum + s.bytes, 0);

    it(
      "answers a QPV address point, a rural FRR commune, an overseas point, a not-eligible" +
        " point, a point near a QPV edge and a postcode as the library does",
      async () => {
        const page = await open();
        const before = server.served.length;
        // A QPV address point (Reynerie, Toulouse): the first answer, with the bytes it took.
        const reynerie = { lon: 1.4025, lat: 43.5712 };
        const first = await ask(page, "point", `${reynerie.lon}, ${reynerie.lat}`);
        const firstServed = server.served.slice(before);
        expect(first.status).toBe("eligible");
        expect(first.reasons.some((r) => r.startsWith("in_qpv: L'adresse est dans le QPV QN03107M"))).toBe(true);
        expect(first.map).toBe(true);
        expect(dataBytes(firstServed)).toBeLessThanOrEqual(1_500_000);
        // Only one commune tile, and never the whole contours.
        expect(firstServed.filter((s) => /\/communes\/-?\d+_-?\d+\.bin\.gz$/.test(s.path))).toHaveLength(1);
        expect(firstServed.some((s) => s.path.endsWith("communes.layer.bin"))).toBe(false);

        // A point near a QPV edge: the middle of an edge of QN03107M (within the 10 m uncertainty).
        const outline = getZoneOutline(data, { layer: "qpv2024", code: "QN03107M" })!;
        const ring =
          outline.geometry.type === "Polygon" ? outline.geometry.coordinates[0]! : outline.geometry.coordinates[0]![0]!;
        const edge = { lon: (ring[0]![0] + ring[1]![0]) / 2, lat: (ring[0]![1] + ring[1]![1]) / 2 };
        const cases: [string, string, SyncEligibilitySubject, string][] = [
          ["FRR commune (Lozère)", "codeInsee", { codeInsee: "48095" }, "eligible"],
          ["overseas point (Saint-Denis, La Réunion)", "point", { lon: 55.4504, lat: -20.8823 }, ""],
          ["not-eligible point (Capitole, Toulouse)", "point", { lon: 1.4442, lat: 43.6045 }, "not_eligible"],
          ["point near a QPV edge", "point", edge, "uncertain"],
          ["postcode", "postcode", { postcode: "31100" }, ""],
        ];
        for (const [name, kind, subject, status] of cases) {
          const value =
            "lon" in subject
              ? `${subject.lon}, ${subject.lat}`
              : "codeInsee" in subject
                ? subject.codeInsee
                : (subject as { postcode: string }).postcode;
          const answer = await ask(page, kind, value);
          const want = expected(subject);
          if (status !== "") expect(want.status, name).toBe(status);
          expect(answer.status, name).toBe(want.status);
          expect(answer.reasons, name).toEqual(want.reasons.map((r) => `${r.code}: ${r.message}`));
          expect(answer.map, name).toBe(want.point !== null);
        }
        mkdirSync(OUT, { recursive: true });
        await ask(page, "point", `${edge.lon}, ${edge.lat}`);
        await page.screenshot({ path: join(OUT, "web-example.png"), fullPage: true });
        expect(existsSync(join(OUT, "web-example.png"))).toBe(true);
        await page.context().close();
      },
    );

    it("a commune-code-only visit downloads the commune table, not the contours (≤ 0.5 MB of data)", async () => {
      const page = await open();
      const before = server.served.length;
      const answer = await ask(page, "codeInsee", "48095");
      expect(answer.status).toBe("eligible");
      const served = server.served.slice(before);
      expect(dataBytes(served)).toBeLessThanOrEqual(500_000);
      expect(served.some((s) => s.path.includes("/communes/"))).toBe(false);
      await page.context().close();
    });

    it("reports a missing data folder with a coded error, not a wrong answer", async () => {
      const page = await open();
      await page.route("**/declics-data/manifest.json", (route) =>
        route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><html><body>app</body></html>" }),
      );
      const answer = await ask(page, "codeInsee", "48095");
      expect(answer.status).toBe("error");
      expect(answer.text).toContain("data_content_type");
      await page.context().close();
    });

    it("checks an address through the national geocoder when it is reachable", async (ctx) => {
      const reachable = await fetch("https://data.geopf.fr/geocodage/search?q=1+place+abbal+toulouse&limit=1", {
        signal: AbortSignal.timeout(3000),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (!reachable)
        ctx.skip("the national geocoder (data.geopf.fr) is not reachable from this machine: address check skipped");
      const page = await open();
      const answer = await ask(page, "address", "1 place Abbal, 31100 Toulouse");
      expect(["eligible", "uncertain"]).toContain(answer.status);
      expect(answer.text).toContain("Toulouse");
      await page.context().close();
    });
  },
);
