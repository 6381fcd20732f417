/**
 * Private: the starter bank's written items, one file per area.
 * @module
 */
import type { RawArea } from "./_build.js";
import { AREA_1 } from "./area-1.js";
import { AREA_2 } from "./area-2.js";
import { AREA_3 } from "./area-3.js";
import { AREA_4 } from "./area-4.js";
import { AREA_5 } from "./area-5.js";
import { APTITUDES } from "./aptitudes.js";

/** Every area of the starter bank, in framework order. */
export const STARTER_AREAS: readonly RawArea[] = [AREA_1, AREA_2, AREA_3, AREA_4, AREA_5, APTITUDES];
