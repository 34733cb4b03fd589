import { expect } from "chai";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readScenarioYaml } from "../../sim/scenario/read-yaml.ts";
import { runCase } from "../../scripts/fuzz/run-case.ts";
import { mutations } from "../../scripts/fuzz/scenario-mutations.ts";

/**
 * A sample of the scenario mutation fuzz (the whole fuzz is `npm run fuzz:scenarios`): every 25th
 * single-field mutation of two shipped scenarios, run through `deltalag run`. No stack trace, every
 * rejection exits 2 naming the mutated field, and nothing half-written is left behind.
 */
describe("scenario fuzz (sample)", () => {
  it("turns every single-field mutation into a clean run or an exit-2 error naming the field", async () => {
    const root = mkdtempSync(join(tmpdir(), "deltalag-fuzz-sample-"));
    const tally = { accepted: 0, rejected: 0 };
    let n = 0;
    for (const file of ["scenarios/quickstart.yaml", "scenarios/crash-liquidations.yaml"]) {
      const all = mutations(readScenarioYaml(file));
      for (let i = 0; i < all.length; i += 25) {
        const m = all[i];
        const r = await runCase(file, m, join(root, `case-${n++}`));
        const what = `${file} ${m.kind} ${m.path.join(".")}: ${r.message.slice(0, 300)}`;
        expect(r.outcome, what).to.be.oneOf(["accepted", "rejected"]);
        if (r.outcome === "rejected") expect(r.named, what).to.equal(true);
        expect(r.leftovers, what).to.deep.equal([]);
        tally[r.outcome as "accepted" | "rejected"]++;
      }
    }
    console.log(`      ${n} cases: ${tally.accepted} ran, ${tally.rejected} rejected with the field named`);
    expect(tally.accepted).to.be.above(0);
    expect(tally.rejected).to.be.above(0);
  });
});
