import { z } from "zod";

/**
 * assessment vocabulary. The zod schemas are the types.
 * @module
 */
export const AssessmentSchemaVersion = z.literal(1);
