// Test fixture (not exported, not built): a small simulated bank shared by the session tests.
import { createSimulatedBank } from "../create-simulated-bank.js";
import { parseItemBank } from "../parse-item-bank.js";

export const TEST_BANK = parseItemBank(createSimulatedBank({ seed: "tests", items: 240 }));
