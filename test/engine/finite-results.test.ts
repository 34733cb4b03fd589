import { expect } from "chai";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimError } from "../../sim/errors.ts";
import { CsvTable } from "../../sim/record/csv-table.ts";
import { assertFiniteResults } from "../../sim/record/finite-check.ts";
import { runTemp } from "../helpers/run-temp.ts";

describe("finite results", () => {
  it("refuses to publish a NaN or infinite metric or CSV cell, naming it (DL203, exit 1)", () => {
    const dir = mkdtempSync(join(tmpdir(), "deltalag-finite-"));
    const table = new CsvTable<{ a: number; b: number }>(join(dir, "t.csv"), ["a", "b"]);
    table.append({ a: 1, b: 2 });
    table.append({ a: 3, b: Number.POSITIVE_INFINITY });
    table.close();
    const check = () => assertFiniteResults({ good: 1, bad: Number.NaN }, [table as never]);
    expect(check).to.throw(SimError, "metric bad = NaN").with.property("code", "DL203");
    expect(check).to.throw(SimError, "t.csv row 2 column b = Infinity");
    expect(check).to.throw(SimError).with.property("exitCode", 1);
    expect(() => assertFiniteResults({ good: 1 }, [])).not.to.throw();
  });

  it("leaves out metrics a run has no samples for (no book, no margin accounts) instead of writing NaN", async () => {
    const run = await runTemp({
      duration: 600,
      network: { blockTime: 12 },
      agents: [{ type: "arbitrageur" }, { type: "noise-trader", params: { ratePerHour: 60 } }],
    });
    const metrics = run.summary.metrics;
    for (const [name, value] of Object.entries(metrics)) expect(Number.isFinite(value), `${name} = ${value}`).to.equal(true);
    for (const absent of ["quotedSpreadBpsTw", "effectiveSpreadBps", "markoutBps5", "timeUnderwaterSecP50"]) {
      expect(metrics, absent).not.to.have.property(absent);
    }
    expect(metrics.blocks).to.equal(50);
  });
});
