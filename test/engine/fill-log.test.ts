import { expect } from "chai";
import { FillLog } from "../../sim/engine/fill-log.ts";

describe("engine: a maker's fill log", () => {
  it("keeps inventory exact after the list is pruned, at any observation time", () => {
    const log = new FillLog(10);
    let inventory = 0;
    const history: number[] = [];
    for (let i = 0; i < 100; i++) {
      const side = i % 3 === 0 ? -1 : 1;
      log.add({ seq: i, timeSec: i, side, price: 100, size: 1 + (i % 4), fairValue: 100 });
      inventory += side * (1 + (i % 4));
      history.push(inventory);
    }
    expect(log.asOf(1_000).inventoryBase).to.equal(inventory);
    expect(log.asOf(1_000).fills.length).to.be.at.most(20);
    expect(log.asOf(95).inventoryBase).to.equal(history[95]);
    // Older than everything kept: the inventory just before the first kept fill.
    const first = log.asOf(1_000).fills[0];
    expect(log.asOf(first.timeSec - 0.5).inventoryBase).to.equal(history[first.seq - 1]);
    expect(new FillLog(5).asOf(10).inventoryBase).to.equal(0);
  });
});
