import { DATE_RANGE } from "./_engine.js";

/**
 * The calendar days eligibility can be checked for: from 2015-01-01, the first day of the oldest list in the
 * data (QPV 2015; earlier zonings such as the ZUS are not in it), to 2099-12-31. The lists in force today have
 * no end date in the data: answers for later days assume they still apply. A day outside the range, or a
 * `Date` whose day in the subject's territory is, gets a `date_out_of_range` error. Use it to bound a date
 * picker.
 *
 * @example
 * ```ts
 * import { ELIGIBILITY_DATE_RANGE } from "declics/territory";
 *
 * ELIGIBILITY_DATE_RANGE;
 * // => { from: "2015-01-01", to: "2099-12-31" }
 * ```
 * @category Eligibility
 */
export const ELIGIBILITY_DATE_RANGE: { readonly from: string; readonly to: string } = DATE_RANGE;
