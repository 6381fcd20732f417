import { z } from "zod";

/**
 * diversity vocabulary. The zod schemas are the types.
 * @module
 */
export const DiversitySchemaVersion = z.literal(1);
