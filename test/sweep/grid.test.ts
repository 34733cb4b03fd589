import { expect } from "chai";
import { SimError } from "../../sim/errors.ts";
import { parseAxisFlag, parseAxisYaml } from "../../sim/sweep/axis-spec.ts";
import { buildRunList, expandPoints, parseShard, selectShard } from "../../sim/sweep/run-list.ts";
import { buildSweepSpec } from "../../sim/sweep/sweep-spec.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SimError);
    return (error as SimError).code;
  }
  throw new Error("expected a SimError");
}

const values = (text: string) => parseAxisFlag("--grid", text).values.map((v) => v.value);

describe("sweep grids: parsing", () => {
  it("reads plain lists as YAML values, keeping commas inside brackets, braces and quotes", () => {
    expect(values("network.blockTime=2,12")).to.deep.equal([2, 12]);
    expect(values("network.ordering=priority, fifo")).to.deep.equal(["priority", "fifo"]);
    expect(values("duration=30m,1h")).to.deep.equal(["30m", "1h"]);
    expect(values("agents.noise.latency.submission={dist: uniform, min: 0.5, max: 3},1")).to.deep.equal([{ dist: "uniform", min: 0.5, max: 3 }, 1]);
    expect(values('description="a, b",[1, 2]')).to.deep.equal(["a, b", [1, 2]]);
    expect(parseAxisFlag("--grid", "market.file=../data/a.csv").values[0].value).to.equal("../data/a.csv");
  });

  it("expands inclusive ranges with a step, exactly for decimal steps, and mixes them with values", () => {
    expect(values("network.blockTime=1..12:1")).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(values("network.blockTime=1..4")).to.deep.equal([1, 2, 3, 4]);
    expect(values("market.sigma=0.1..0.7:0.3")).to.deep.equal([0.1, 0.4, 0.7]);
    expect(values("market.sigma=0.1..0.3:0.1")).to.deep.equal([0.1, 0.2, 0.3]);
    expect(values("network.blockTime=2..7:2,12")).to.deep.equal([2, 4, 6, 12]);
    expect(values("x=-1..1:0.5")).to.deep.equal([-1, -0.5, 0, 0.5, 1]);
  });

  it("rejects malformed grids with DL400 and the offending text", () => {
    for (const bad of [
      "network.blockTime=",
      "network.blockTime",
      "=1,2",
      "network.blockTime=1,,2",
      "network.blockTime=1..x",
      "network.blockTime=5..1",
      "network.blockTime=1..5:0",
      "network.blockTime=[1,2",
      "network.blockTime=2,2",
      "x=1..1e9",
    ]) {
      expect(
        code(() => parseAxisFlag("--grid", bad)),
        bad,
      ).to.equal("DL400");
    }
    try {
      parseAxisFlag("--grid", "network.blockTime=");
    } catch (error) {
      expect((error as Error).message).to.include("--grid network.blockTime=");
    }
  });

  it("reads the scenario's sweep: section (lists, range strings, zip groups) and lets flags replace its fields", () => {
    const section = {
      seeds: 3,
      grid: { "network.blockTime": [2, 12], "market.sigma": "0.3..0.9:0.3" },
      zip: { "contracts.pool.feeBps": [5, 30], "agents.arb.params.minProfitUsd": [0, 5] },
    };
    const spec = buildSweepSpec(section, {}, "s.yaml");
    expect(spec.seeds).to.equal(3);
    expect(spec.fields).to.deep.equal(["network.blockTime", "market.sigma", "contracts.pool.feeBps", "agents.arb.params.minProfitUsd"]);
    expect(spec.axes.map((a) => a.kind)).to.deep.equal(["grid", "grid", "zip"]);
    const cli = buildSweepSpec(section, { grid: ["network.blockTime=6"], zip: ["market.sigma=0.2,0.4", "network.ordering=priority,fifo"], seeds: 2 }, "s.yaml");
    expect(cli.seeds).to.equal(2);
    expect(cli.fields).to.deep.equal(["contracts.pool.feeBps", "agents.arb.params.minProfitUsd", "network.blockTime", "market.sigma", "network.ordering"]);
    expect(parseAxisYaml("sweep.grid.x", 5).map((v) => v.value)).to.deep.equal([5]);
  });

  it("rejects zips of unequal length, fields swept twice, the seed, and a malformed section", () => {
    expect(code(() => buildSweepSpec(undefined, { zip: ["a=1,2", "b=1"] }, "s"))).to.equal("DL400");
    expect(code(() => buildSweepSpec(undefined, { grid: ["a=1,2", "a=3"] }, "s"))).to.equal("DL400");
    expect(code(() => buildSweepSpec(undefined, { grid: ["seed=1,2"] }, "s"))).to.equal("DL400");
    expect(code(() => buildSweepSpec({ grd: {} }, {}, "s"))).to.equal("DL100");
    expect(code(() => buildSweepSpec({ seeds: 0 }, {}, "s"))).to.equal("DL100");
    expect(code(() => buildSweepSpec({ grid: { a: [] } }, {}, "s"))).to.equal("DL100");
    expect(code(() => buildSweepSpec({ zip: { a: [1, 2], b: [1] } }, {}, "s"))).to.equal("DL100");
  });
});

describe("sweep grids: points, run list and shards", () => {
  const spec = buildSweepSpec(undefined, { grid: ["a=1,2,3", "b=x,y"], zip: ["c=10,20", "d=p,q"] }, "s");
  const points = expandPoints(spec.axes);

  it("expands the cartesian product in a fixed order, first axis slowest, zipped fields together", () => {
    expect(points).to.have.length(12);
    expect(points[0].values).to.deep.equal({ a: 1, b: "x", c: 10, d: "p" });
    expect(points[1].values).to.deep.equal({ a: 1, b: "x", c: 20, d: "q" });
    expect(points[2].values).to.deep.equal({ a: 1, b: "y", c: 10, d: "p" });
    expect(points[11].values).to.deep.equal({ a: 3, b: "y", c: 20, d: "q" });
    expect(points[5].assignments).to.deep.equal(["a=2", "b=x", "c=20", "d=q"]);
    expect(expandPoints([])).to.deep.equal([{ index: 0, values: {}, assignments: [] }]);
  });

  it("numbers runs point by point with seeds base + j and stable run ids", () => {
    const runs = buildRunList(points.length, 42, 3);
    expect(runs).to.have.length(36);
    expect(runs[4]).to.deep.equal({ index: 4, runId: "p0001-s43", point: 1, seed: 43 });
    expect(new Set(runs.map((r) => r.runId)).size).to.equal(36);
  });

  it("partitions the run list exactly: every run in exactly one shard, for several shard counts", () => {
    const runs = buildRunList(points.length, 1, 3);
    for (const n of [1, 2, 3, 5, 7, 36, 50]) {
      const shards = Array.from({ length: n }, (_, i) => selectShard(runs, { index: i, count: n }));
      const all = shards
        .flat()
        .map((r) => r.index)
        .sort((x, y) => x - y);
      expect(all, `n = ${n}`).to.deep.equal(runs.map((r) => r.index));
      shards.forEach((shard, i) => expect(shard.every((r) => r.index % n === i)).to.equal(true));
    }
  });

  it("parses 0-based --shard i/n and rejects malformed or out-of-range shards", () => {
    expect(parseShard("0/4")).to.deep.equal({ index: 0, count: 4 });
    expect(parseShard("3/4")).to.deep.equal({ index: 3, count: 4 });
    for (const bad of ["4/4", "1/0", "-1/2", "a/b", "1", "1/2/3"])
      expect(
        code(() => parseShard(bad)),
        bad,
      ).to.equal("DL400");
  });
});
