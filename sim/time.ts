/**
 * Time units in one place. The engine keeps simulated time in integer microseconds (event order never
 * depends on floating-point error); agents, CSVs and metrics see seconds; volatilities and rates are
 * annualised over a 365-day year.
 *
 * @example
 * secToUs(0.25); // 250000
 * usToSec(12_000_000); // 12
 */

/** Seconds in the year volatilities and rates are quoted over (365 days, no leap day). */
export const SECONDS_PER_YEAR = 365 * 86_400;

/** Microseconds per second: the engine's clock resolution. */
export const US_PER_SEC = 1e6;

/** Engine microseconds → seconds (exact for every time the engine produces). */
export const usToSec = (us: number): number => us / US_PER_SEC;

/** Seconds → the nearest engine microsecond. */
export const secToUs = (sec: number): number => Math.round(sec * US_PER_SEC);
