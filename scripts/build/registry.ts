/**
 * The builders scripts/build-data.ts runs, in order. One line per builder: export it here and the
 * orchestrator picks it up (every export of this module must be a Builder from ./types.ts).
 */
export { communeLists } from "./commune-lists.js";
export { polygonLayers } from "./polygon-layers.js";
export { referencePopulations } from "./reference-populations.js";
export { schoolCalendar } from "./school-calendar.js";
