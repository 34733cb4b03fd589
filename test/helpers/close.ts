import { expect } from "chai";

/** |actual − expected| ≤ tolerance, for plain numbers (the toolbox's closeTo is bigint-only). */
export function expectClose(actual: number, expected: number, tolerance: number, what = "value"): void {
  expect(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`).to.equal(true);
}
