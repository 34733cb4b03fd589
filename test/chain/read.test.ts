import { expect } from "chai";
import type { Result } from "ethers";
import { actorAddress } from "../../sim/chain/addresses.ts";
import { Chain } from "../../sim/chain/chain.ts";
import { AGENT_FUNDING_USD, deploy, walletAddress, type Deployment } from "../../sim/chain/deploy.ts";
import { gweiToWei, toBase, toQuote, toWad } from "../../sim/chain/units.ts";
import { isSimError } from "../../sim/errors.ts";
import { loadScenario } from "../../sim/scenario/load.ts";

const START_PRICE = 2000;

/** Awaits `promise` and returns the SimError code it rejected with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isSimError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a SimError, the read succeeded");
}

describe("chain.read: view calls decoded by the artifact's ABI", () => {
  const scenario = loadScenario("scenarios/quickstart.yaml");
  let chain: Chain;
  let d: Deployment;

  before(async () => {
    chain = await Chain.open({
      blockGasLimit: scenario.network.blockGasLimit,
      initialBaseFeeWei: gweiToWei(scenario.network.initialBaseFeeGwei),
      ordering: scenario.network.ordering,
      chainType: scenario.network.chainType,
      genesisTime: scenario.network.genesisTime! - 1,
    });
    d = await deploy(chain, scenario, START_PRICE, [{ id: "reader", wallets: 1 }]);
  });

  after(async () => {
    await chain.close();
  });

  it("returns the value itself for a function with one output (an agent's funded balances)", async () => {
    const owner = walletAddress("reader", 0);
    expect(await chain.read<bigint>(d.contracts.quote, "balanceOf", [owner])).to.equal(toQuote(AGENT_FUNDING_USD));
    expect(await chain.read<bigint>(d.contracts.base, "balanceOf", [owner])).to.equal(toBase(AGENT_FUNDING_USD / START_PRICE));
    expect(await chain.read<bigint>(d.contracts.quote, "balanceOf", [actorAddress("nobody")])).to.equal(0n);
  });

  it("returns the whole Result for several outputs (pool reserves, the oracle's latest round)", async () => {
    const halfUsd = scenario.contracts.pool.liquidityUsd / 2;
    const [reserveBase, reserveQuote] = await chain.read<Result>(d.contracts.pool, "getReserves");
    expect(reserveBase).to.equal(toBase(halfUsd / START_PRICE));
    expect(reserveQuote).to.equal(toQuote(halfUsd));
    const [roundId, priceX18, updatedAt] = await chain.read<Result>(d.contracts.oracle, "latestRound");
    expect(roundId).to.equal(1n);
    expect(priceX18).to.equal(toWad(START_PRICE));
    expect(updatedAt).to.equal(BigInt(scenario.network.genesisTime! - 1)); // pushed in the setup blocks
  });

  it("returns a struct output with its named fields (the margin engine's totals)", async () => {
    const totals = await chain.read<{ insuranceFund: bigint; badDebt: bigint }>(d.contracts.margin, "totals");
    expect(totals.insuranceFund).to.equal(toQuote(scenario.contracts.margin.insuranceFundUsd));
    expect(totals.badDebt).to.equal(0n);
  });

  it("stops with DL202 on a reverting view, an address without code, or a function the ABI lacks", async () => {
    // getRound(99) reverts with RoundNotFound(99, 1): its revert data must not be decoded as a result.
    expect(await codeOf(chain.read(d.contracts.oracle, "getRound", [99n]))).to.equal("DL202");
    expect(await codeOf(chain.read({ ...d.contracts.quote, address: actorAddress("no code") }, "balanceOf", [d.deployer]))).to.equal("DL202");
    expect(await codeOf(chain.read(d.contracts.pool, "noSuchFunction"))).to.equal("DL202");
  });
});
