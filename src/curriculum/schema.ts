import { z } from "zod";

/**
 * curriculum vocabulary. The zod schemas are the types.
 * @module
 */
export const CurriculumSchemaVersion = z.literal(1);
