import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimError } from "../../sim/errors.ts";
import { evaluateAssertions, parseAssertions } from "../../sim/sweep/assertions.ts";
import { compareBaseline, parseTolerance } from "../../sim/sweep/baseline.ts";
import type { SweepPoint } from "../../sim/sweep/run-list.ts";
import { writePointsCsv, type RunRecord } from "../../sim/sweep/sweep-tables.ts";

const fields = ["network.blockTime"];
const points: SweepPoint[] = [
  { index: 0, values: { "network.blockTime": 2 }, assignments: [] },
  { index: 1, values: { "network.blockTime": 12 }, assignments: [] },
];
const records: RunRecord[] = [1, 2, 3, 4].flatMap((seed, j) => [
  { run: { index: 2 * j, runId: `p0000-s${seed}`, point: 0, seed }, status: "ok" as const, metrics: { lvrUsd: 10 * seed, noiseTrades: 100 } },
  { run: { index: 2 * j + 1, runId: `p0001-s${seed}`, point: 1, seed }, status: "ok" as const, metrics: { lvrUsd: 100 * seed, noiseTrades: 100 } },
]);

function error(fn: () => unknown): SimError {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(SimError);
    return e as SimError;
  }
  throw new Error("expected a SimError");
}

describe("check: assertions", () => {
  it("evaluates mean, p95, max and min per selected point with every operator", () => {
    const assertions = parseAssertions(
      [
        { metric: "lvrUsd", aggregate: "mean", op: "<", value: 30, where: { "network.blockTime": 2 } },
        { metric: "lvrUsd", aggregate: "p95", op: "between", value: [380, 390], where: { "network.blockTime": 12 } },
        { metric: "lvrUsd", aggregate: "max", op: "<=", value: 40 },
        { metric: "lvrUsd", aggregate: "min", op: ">=", value: 10 },
      ],
      "s.yaml",
      fields,
      points,
    );
    const results = evaluateAssertions(assertions, points, records, "s.yaml");
    expect(results.map((r) => [r.assertion.index, r.point, r.measured, r.pass])).to.deep.equal([
      [0, 0, 25, true],
      [1, 1, 385, true], // type-7 p95 of 100…400: 100·(1 + 0.95·3) = 385
      [2, 0, 40, true],
      [2, 1, 400, false],
      [3, 0, 10, true],
      [3, 1, 100, true],
    ]);
    expect(results[0].pointLabel).to.equal("network.blockTime=2");
  });

  it("reports every malformed assertion at once with its path (DL100)", () => {
    const e = error(() =>
      parseAssertions(
        [
          { metric: "lvrUsd", op: "~", value: 1 },
          { metric: "lvrUsd", op: "between", value: 3 },
          { metric: "lvrUsd", op: "<", value: [1, 2] },
          { metric: "lvrUsd", op: "<", value: 1, where: { "market.sigma": 1 } },
          { metric: "lvrUsd", op: "<", value: 1, where: { "network.blockTime": 7 } },
          { metric: "lvrUsd", op: "<", value: 1, extra: true },
        ],
        "s.yaml",
        fields,
        points,
      ),
    );
    expect(e.code).to.equal("DL100");
    expect(e.message).to.include("6 problems");
    for (const path of ["[0].op", "[1].value", "[2].value", "[3].where.market.sigma", "[4].where", "[5].extra"])
      expect(e.message).to.include(`assertions${path}:`);
  });

  it("rejects an unknown metric after the runs with DL400 and the nearest name", () => {
    const [a] = parseAssertions([{ metric: "lvrUSD", op: "<", value: 1 }], "s.yaml", fields, points);
    const e = error(() => evaluateAssertions([a], points, records, "s.yaml"));
    expect(e.code).to.equal("DL400");
    expect(e.message).to.include('unknown metric "lvrUSD" — did you mean "lvrUsd"?');
  });
});

describe("check: baseline", () => {
  const dir = mkdtempSync(join(tmpdir(), "deltalag-baseline-"));

  it("parses tolerances as percentages or fractions", () => {
    expect(parseTolerance("5%")).to.equal(0.05);
    expect(parseTolerance("0.1")).to.equal(0.1);
    expect(error(() => parseTolerance("five")).code).to.equal("DL400");
  });

  it("compares every point mean of a points.csv and lists the metrics outside the tolerance", () => {
    const shifted = records.map((r) => (r.run.point === 1 ? { ...r, metrics: { ...r.metrics!, lvrUsd: r.metrics!.lvrUsd! * 1.06 } } : r));
    writePointsCsv(join(dir, "points.csv"), fields, points, shifted);
    const within = compareBaseline(join(dir, "points.csv"), fields, points, records, 0.07);
    expect(within.compared).to.equal(4);
    expect(within.deviations).to.deep.equal([]);
    const outside = compareBaseline(join(dir, "points.csv"), fields, points, records, 0.05);
    expect(outside.deviations).to.have.length(1);
    expect(outside.deviations[0]).to.include({ metric: "lvrUsd", pointLabel: "network.blockTime=12", baseline: 265, current: 250 });
  });

  it("compares a summary.json with the run of the same seed, and needs a one-point sweep for it", () => {
    writeFileSync(join(dir, "summary.json"), JSON.stringify({ seed: 3, metrics: { lvrUsd: 30, noiseTrades: 90, wallSeconds: 99 } }));
    const one = points.slice(0, 1);
    const r = compareBaseline(
      join(dir, "summary.json"),
      [],
      one,
      records.filter((x) => x.run.point === 0),
      0.05,
    );
    expect(r.basis).to.equal("seed 3");
    expect(r.compared).to.equal(2);
    expect(r.deviations.map((d) => d.metric)).to.deep.equal(["noiseTrades"]);
    expect(error(() => compareBaseline(join(dir, "summary.json"), fields, points, records, 0.05)).code).to.equal("DL400");
    expect(error(() => compareBaseline(join(dir, "nope.csv"), fields, points, records, 0.05)).code).to.equal("DL400");
  });
});
