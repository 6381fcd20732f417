import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli as declics, type CliRun } from "../support/built-cli.js";
import { buildPath, hasRealData, PROJECT_ROOT } from "../support/real-data.js";

/**
 * `declics plan` run as a child process of the built CLI (dist/cli/main.js) on partner-style files of
 * test/fixtures/plan, with the real compiled school calendar. `npm test` builds first; alone, run
 * `npm run build` before `npx vitest run test/cli/plan.test.ts`.
 */
const FIXTURES = resolve(PROJECT_ROOT, "test", "fixtures", "plan");
const fixture = (name: string): string => join(FIXTURES, name);

const readCsv = (path: string): string[][] =>
  parse(readFileSync(path, "utf8"), { delimiter: ";", bom: true }) as string[][];

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "declics-plan-"));
});
afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("declics plan: usage", () => {
  it("documents itself with examples", async () => {
    const help = await declics(["plan", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("declics plan personnes.csv cohorte.json");
    expect((await declics(["--help"])).stdout).toContain("plan");
  });

  it("says in French which file is missing", async () => {
    const run = await declics([
      "plan",
      join(dir, "absent.csv"),
      fixture("cohorte-toulouse.json"),
      "-o",
      join(dir, "x"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/absent\.csv \(fichier ou dossier introuvable\)/);
  });
});

describe.skipIf(!hasRealData(buildPath("school-calendar.json")))(
  "declics plan on partner files and the official school calendar",
  () => {
    let out = "";
    let run: CliRun;
    beforeAll(async () => {
      out = join(dir, "win1252");
      run = await declics(["plan", fixture("personnes-windows1252.csv"), fixture("cohorte-toulouse.json"), "-o", out]);
    });

    it("reads a ;-separated Windows-1252 export and writes the schedule, per-person CSV, unmet list and calendars", () => {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Planning de « Parcours express — Toulouse, février 2024 » : 40 personnes/);
      expect(run.stderr).toContain("Colonnes non utilisées : « Commentaire »");
      const sessions = readCsv(join(out, "planning.csv"));
      expect(sessions[0]?.slice(0, 4)).toEqual(["séance", "date", "début", "fin"]);
      expect(sessions.length).toBeGreaterThan(10);
      const people = readCsv(join(out, "planning-par-personne.csv"));
      expect(people.some((r) => r[1]?.includes("Hélène") === true)).toBe(true);
      expect(readdirSync(join(out, "calendriers", "participants"))).toHaveLength(40);
      expect(readdirSync(join(out, "calendriers", "salles")).sort()).toEqual([
        "amphi.ics",
        "salle-info.ics",
        "salle-reunion.ics",
      ]);
      for (const f of ["cohorte.ics", "participants/DN001.ics", "salles/amphi.ics"])
        expect(readFileSync(join(out, "calendriers", f), "utf8")).toMatch(/^BEGIN:VCALENDAR\r\n/);
    });

    it("skips the zone C winter holidays of Toulouse (11 to 25 February 2024)", () => {
      const dates = readCsv(join(out, "planning.csv"))
        .slice(1)
        .map((r) => r[1] ?? "");
      const iso = dates.map((d) => `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}`);
      expect(iso.every((d) => d < "2024-02-11" || d > "2024-02-25")).toBe(true);
      expect(iso.some((d) => d >= "2024-02-26" && d <= "2024-03-01")).toBe(true);
    });

    it("leaves nobody out silently: each person has every activity or is named in the unmet constraints, in French", () => {
      const people = readCsv(join(out, "planning-par-personne.csv")).slice(1);
      const unmet = readCsv(join(out, "contraintes-non-satisfaites.csv"));
      expect(unmet[0]).toEqual(["motif", "activité", "personnes", "explication"]);
      const activities = new Set(
        readCsv(join(out, "planning.csv"))
          .slice(1)
          .map((r) => r[4]),
      );
      for (let i = 1; i <= 40; i++) {
        const id = `DN${String(i).padStart(3, "0")}`;
        const got = new Set(people.filter((r) => r[0] === id).map((r) => r[6]));
        const named = unmet.slice(1).some((r) => (r[2] ?? "").split(" ").includes(id));
        expect(got.size === activities.size || named, id).toBe(true);
      }
      // Every unmet line printed is French and names the activity.
      for (const r of unmet.slice(1)) expect(r[3]).toMatch(/^« .+ » /);
    });

    it("gives the same schedule from the same people exported as ,-separated UTF-8 with a BOM", async () => {
      const other = join(dir, "utf8");
      const second = await declics([
        "plan",
        fixture("personnes-utf8-bom.csv"),
        fixture("cohorte-toulouse.json"),
        "-o",
        other,
      ]);
      expect(second.code, second.stderr).toBe(0);
      expect(readFileSync(join(other, "planning.csv"), "utf8")).toBe(readFileSync(join(out, "planning.csv"), "utf8"));
    });
  },
);

describe("declics plan on hostile files", () => {
  const cohort = (extra: Record<string, unknown> = {}): string => {
    const path = join(dir, `cohorte-${Math.random().toString(36).slice(2)}.json`);
    const base = JSON.parse(readFileSync(fixture("cohorte-toulouse.json"), "utf8")) as Record<string, unknown>;
    delete base.avoidSchoolHolidays;
    writeFileSync(path, JSON.stringify({ ...base, ...extra }));
    return path;
  };
  const people = (text: string, name = "p.csv"): string => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ["a duplicate id", "id;nom\nA1;Léa\nA1;Noé\n", /ligne 3 : l'identifiant « A1 » figure déjà ligne 2/],
    [
      "an impossible date",
      "id;indisponibilités\nA1;31/02/2024\n",
      /ligne 2 : « 31\/02\/2024 » dans la colonne « indisponibilités » n'est pas reconnu/,
    ],
    ["an unknown gender", "id;sexe\nA1;Z\n", /ligne 2 : « Z » dans la colonne « genre » n'est pas reconnu/],
    ["no column naming people", "couleur;taille\nbleu;3\n", /aucune colonne ne désigne les personnes/],
    ["a header only", "id;nom\n", /aucune personne/],
    ["an empty file", "", /le fichier est vide/],
    ["an unclosed quote", 'id;nom\nA1;"Léa\n', /CSV invalide/],
  ])("refuses %s with a French message naming the line", async (_what, text, message) => {
    const run = await declics(["plan", people(text), cohort(), "-o", join(dir, "never")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });

  it.each([
    [
      "participants in the cohort file",
      { cohort: { id: "c", title: "C", startDate: "2024-02-05", resources: [], participants: [] } },
      2,
      /participants/,
    ],
    ["an unknown key", { salles: [] }, 2, /salles/],
    [
      "a room without seats",
      {
        cohort: {
          id: "c",
          title: "C",
          startDate: "2024-02-05",
          resources: [{ id: "r", kind: "room", name: "R", capacity: 0 }],
        },
      },
      1,
      /capacity/,
    ],
    [
      "a start date outside the school calendar",
      {
        avoidSchoolHolidays: { commune: "31555" },
        cohort: { id: "c", title: "C", startDate: "2031-02-03", resources: [] },
      },
      1,
      /une date de début couverte par le calendrier scolaire/,
    ],
    [
      "a parcours running past the end of the school calendar",
      {
        avoidSchoolHolidays: { commune: "31555" },
        cohort: { id: "c", title: "C", startDate: "2026-06-29", resources: [] },
      },
      1,
      /au plus tard le 04\/07\/2026, dernier jour couvert par le calendrier scolaire/,
    ],
    [
      "an unknown commune",
      {
        avoidSchoolHolidays: { commune: "96000" },
        cohort: { id: "c", title: "C", startDate: "2024-02-05", resources: [] },
      },
      1,
      /96000/,
    ],
  ])("refuses a cohort file with %s", async (_what, extra, code, message) => {
    const run = await declics(["plan", fixture("personnes-utf8-bom.csv"), cohort(extra), "-o", join(dir, "never2")]);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it("refuses a cohort file that is not JSON", async () => {
    const run = await declics([
      "plan",
      fixture("personnes-utf8-bom.csv"),
      people("{ pas du json", "c.json"),
      "-o",
      join(dir, "never3"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/JSON illisible/);
  });

  it("neither runs formulas nor writes outside its folder for hostile names and ids", async () => {
    const out = join(dir, "hostile");
    const text = 'id;nom\n"../../evil";"=HYPERLINK(""http://x"")"\n+33;@SUM(A1)\nB2;Léa\nB3;Noé\nB4;Inès\n';
    const run = await declics(["plan", people(text), cohort(), "-o", out]);
    expect(run.code, run.stderr).toBe(0);
    const rows = readCsv(join(out, "planning-par-personne.csv")).slice(1);
    expect(rows.some((r) => r[1] === `'=HYPERLINK("http://x")`)).toBe(true);
    expect(rows.some((r) => r[0] === "'+33" && r[1] === "'@SUM(A1)")).toBe(true);
    expect(rows.every((r) => !/^[=+\-@]/.test(r[0] ?? "") && !/^[=+\-@]/.test(r[1] ?? ""))).toBe(true);
    const files = readdirSync(join(out, "calendriers", "participants"));
    expect(files).toHaveLength(5);
    expect(files.every((f) => !f.includes("/") && !f.startsWith("."))).toBe(true);
    expect(existsSync(join(dir, "evil.ics"))).toBe(false);
  });
});
