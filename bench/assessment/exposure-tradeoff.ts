/**
 * Exposure and content-balancing trade-off on the starter bank (and on the 500-item simulated bench
 * bank): for each selection setting, RMSE, test length, items of the bank used, maximum item exposure
 * and how often the default stop (SE <= 0.3) is reached, for a N(0, 1) population.
 *
 *   npx tsx bench/assessment/exposure-tradeoff.ts [examinees]
 *
 * Settings: pure maximum information (no balancing, no randomisation); the old defaults (balancing over
 * the 18 competences, random pick among the best 3); balancing over areas with the best 3 but no
 * Sympson-Hetter; and the new defaults (balancing over the 6 areas, best 3, and the bank's own
 * Sympson-Hetter parameters, which the starter bank ships). Each at a fixed length of 30 and with the
 * default stop (SE <= 0.3, at most 30 items).
 */
import {
  type AdaptiveSessionOptions,
  computeSympsonHetterParameters,
  createSimulatedBank,
  type ItemBank,
  STARTER_BANK,
  simulateAssessment,
} from "../../src/assessment/index.js";

const EXAMINEES = Number(process.argv[2] ?? 5000);
type Setting = {
  name: string;
  session: Pick<AdaptiveSessionOptions, "contentBalancing" | "exposure">;
  bank?: ItemBank;
};
const SETTINGS: Setting[] = [
  {
    name: "pure max-info",
    session: { contentBalancing: false, exposure: { method: "randomesque", k: 1, bankParameters: false } },
  },
  {
    name: "old defaults (competences, best 3)",
    session: {
      contentBalancing: { by: "competence" },
      exposure: { method: "randomesque", k: 3, bankParameters: false },
    },
  },
  {
    name: "areas, best 3, no Sympson-Hetter",
    session: { contentBalancing: { by: "area" }, exposure: { method: "randomesque", k: 3, bankParameters: false } },
  },
  { name: "new defaults (areas, best 3, bank S-H)", session: {} },
];

interface Row {
  setting: string;
  stop: string;
  rmse: number;
  bias: number;
  length: number;
  itemsUsed: number;
  maxExposure: number;
  over25: number;
  reached: number;
}

function measure(bank: ItemBank, setting: Setting, seThreshold: number | null): Row {
  const sim = simulateAssessment(setting.bank ?? bank, {
    seed: "exposure-bench",
    design: { kind: "adaptive" },
    examinees: EXAMINEES,
    length: 30,
    seTarget: 0.3,
    session: { ...setting.session, seThreshold, minItems: 5 },
  });
  const exposure = Object.values(sim.exposure);
  return {
    setting: setting.name,
    stop: seThreshold === null ? "30 items" : "SE<=0.3",
    rmse: sim.rmse,
    bias: sim.bias,
    length: sim.meanLength,
    itemsUsed: exposure.filter((e) => e > 0).length,
    maxExposure: Math.max(...exposure),
    over25: exposure.filter((e) => e > 0.25).length,
    reached: sim.shareReachingSeTarget,
  };
}

function table(title: string, bank: ItemBank, extra: Setting[] = []): Row[] {
  const rows = [...SETTINGS, ...extra].flatMap((s) => [measure(bank, s, null), measure(bank, s, 0.3)]);
  const base = new Map(rows.filter((r) => r.setting === "pure max-info").map((r) => [r.stop, r.rmse]));
  process.stdout.write(`\n${title} (${bank.items.length} items, ${EXAMINEES} examinees per row)\n`);
  process.stdout.write(
    `| setting | stop | RMSE | RMSE / max-info | bias | mean length | bank items used | max` +
      ` exposure | items > 0.25 | SE <= 0.3 reached` +
      ` |\n|---|---|---|---|---|---|---|---|---|---|\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `| ${r.setting} | ${r.stop} | ${r.rmse.toFixed(3)} |` +
        ` ${(r.rmse / base.get(r.stop)!).toFixed(2)} | ${r.bias.toFixed(3)} |` +
        ` ${r.length.toFixed(1)} | ${r.itemsUsed} | ${r.maxExposure.toFixed(3)} | ${r.over25} |` +
        ` ${(100 * r.reached).toFixed(1)} % |\n`,
    );
  }
  return rows;
}

table("Starter bank", STARTER_BANK);

// A bank without its own parameters gets areas + best 3 only; computing them for it (as the starter
// bank's were, scripts/compute-starter-exposure.ts) restores the exposure guarantee.
const simulated = createSimulatedBank({ seed: "bench", items: 500, model: "2pl" });
const sh = computeSympsonHetterParameters(simulated, {
  seed: "bench",
  targetExposure: 0.2,
  iterations: 12,
  examinees: 3000,
  length: 30,
  k: 3,
  session: { seThreshold: 0.3 },
});
const withSh: ItemBank = {
  ...simulated,
  items: simulated.items.map((i) =>
    (sh.parameters[i.id] ?? 1) < 1 ? { ...i, sympsonHetter: sh.parameters[i.id]! } : i,
  ),
};
table("Simulated 2PL bench bank (no parameters of its own: new defaults = areas, best 3)", simulated, [
  { name: "new defaults + S-H computed for this bank", session: {}, bank: withSh },
]);
