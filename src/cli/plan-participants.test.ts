import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { formatCsvRow } from "./format-csv-row.js";
import { normaliseHeader, readParticipants } from "./plan-participants.js";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const cp1252 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "latin1"));

describe("readParticipants", () => {
  it("recognises French headers whatever their case and accents", () => {
    expect(normaliseHeader("Tranche d'âge")).toBe("tranchedage");
    const { participants, ignoredColumns } = readParticipants(
      utf8(
        "Identifiant;NOM;Prénom;Courriel;Sexe;Territoire;Tranche d'âge;Indisponibilités;À distance;Note\n" +
          "A1;Dupré;Hélène;h@x.fr;F;QPV;23;06/02/2024 2024-02-07;oui;x\n",
      ),
      "f.csv",
    );
    expect(participants).toEqual([
      {
        id: "A1",
        name: "Hélène Dupré",
        email: "h@x.fr",
        gender: "female",
        territoryKind: "qpv",
        ageBand: "under_26",
        unavailableDays: ["2024-02-06", "2024-02-07"],
        remoteOnly: true,
      },
    ]);
    expect(ignoredColumns).toEqual(["Note"]);
  });

  it("reads Windows-1252 bytes and numbers rows without an id column by line", () => {
    const { participants, encoding } = readParticipants(cp1252("Nom;Prénom\nLefèvre;Zoé\n\nGarçon;Noé\n"), "f.csv");
    expect(encoding).toBe("windows-1252");
    expect(participants.map((p) => [p.id, p.name])).toEqual([
      ["ligne-2", "Zoé Lefèvre"],
      ["ligne-4", "Noé Garçon"],
    ]);
  });

  it("refuses what it cannot read with unreadable_input naming the line", () => {
    try {
      readParticipants(utf8("id;distanciel\nA;peut-être\n"), "f.csv");
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "unreadable_input")).toBe(true);
      if (!isDeclicsError(error)) throw error;
      expect(formatDeclicsError(error, { language: "fr" })).toMatch(
        /ligne 2 : « peut-être » dans la colonne « distanciel »/,
      );
      expect(error.message).toMatch(/line 2/);
    }
  });

  it("property: any ids and names written as CSV come back, none dropped, in either delimiter", () => {
    const text = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((s) => s.trim() === s && s.trim() !== "" && !s.includes("\uFEFF"));
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 20 }), fc.constantFrom(";", ","), (ids, d) => {
        const csv = [
          formatCsvRow(["id", "nom complet"], d),
          ...ids.map((id) => formatCsvRow([id, `Nom ${id}`], d)),
        ].join("\n");
        const { participants } = readParticipants(utf8(`${csv}\n`), "f.csv", { delimiter: d });
        expect(participants.map((p) => p.id)).toEqual(ids);
        expect(participants.map((p) => p.name)).toEqual(ids.map((id) => `Nom ${id}`));
      }),
    );
  });
});
