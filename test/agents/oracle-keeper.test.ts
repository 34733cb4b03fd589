import { expect } from "chai";
import { OracleKeeper } from "../../agents/oracle-keeper.ts";
import { observation, type ViewSpec } from "../helpers/observation.ts";

const keeper = () => new OracleKeeper("oracle", { heartbeatSec: 3600, deviationBps: 50 });
/** The keeper at `timeSec` seeing the reference price `refPrice` and an on-chain price of 2000 pushed at t = 0. */
const at = (timeSec: number, refPrice: number, spec: ViewSpec = {}) =>
  keeper().decide(observation({ timeSec, refPrice, oracle: { price: 2000, updatedAtSec: 0 }, ...spec }));

describe("agents: oracle keeper's heartbeat and deviation triggers", () => {
  it("pushes the reference price it sees once the on-chain price is heartbeatSec old", () => {
    expect(at(3599.9, 2001)).to.deep.equal([]);
    expect(at(3600, 2001)).to.deep.equal([{ kind: "oracle-push", price: 2001 }]);
  });

  it("pushes at once when the reference price deviates by deviationBps, up or down", () => {
    // 50 bps of 2000 is 10 USD.
    expect(at(60, 2009.99)).to.deep.equal([]);
    expect(at(60, 1990.01)).to.deep.equal([]);
    expect(at(60, 2010.01)).to.deep.equal([{ kind: "oracle-push", price: 2010.01 }]);
    expect(at(60, 1989.99)).to.deep.equal([{ kind: "oracle-push", price: 1989.99 }]);
  });

  it("judges the age from its delayed view, not from the decision time", () => {
    // Deciding at 3605 with a view as of 3595: it sees a 3595 s old price and waits.
    expect(at(3605, 2001, { asOfSec: 3595 })).to.deep.equal([]);
  });

  it("waits while its previous push is pending", () => {
    expect(at(7200, 2500, { pendingTxs: 1 })).to.deep.equal([]);
  });
});
