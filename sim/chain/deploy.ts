import { getCreateAddress, type Interface } from "ethers";
import { SimError } from "../errors.ts";
import type { Scenario } from "../scenario/schema.ts";
import { actorAddress } from "./addresses.ts";
import { loadArtifact } from "./artifacts.ts";
import type { Chain, ContractRef } from "./chain.ts";
import { BASE_DECIMALS, gweiToWei, QUOTE_DECIMALS, toBase, toQuote, toSignedWad, toWad } from "./units.ts";

/** Gas-token balance given to every actor; gas spent is accounted from receipts, not balances. */
const GAS_TOKEN_BALANCE = 10n ** 30n;
/** Token inventory each trading agent starts with, per side, in USD at the start price. */
export const AGENT_FUNDING_USD = 1e9;
const SETUP_GAS_LIMIT = 60_000_000;
/** Transactions each agent wallet sends at setup (approvals of both tokens for the pool, book, margin engine and vault). */
export const SETUP_TXS_PER_AGENT = 8;
/** The margin engine's house pool (its counterparty for perp P&L), USD. */
const MARGIN_HOUSE_USD = 1e10;

export interface Deployment {
  deployer: string;
  base: string;
  quote: string;
  pool: string;
  oracle: string;
  burner: string;
  book: string;
  margin: string;
  /** The options vault, or null when the scenario has none. */
  vault: string | null;
  /** Listed vault series, in the scenario's order: strike (USD), expiry (unix s). */
  vaultSeries: { type: "call" | "put"; strike: number; expiry: number }[];
  /** Order-book units: raw quote per lot per tick, raw base per lot. */
  bookTickSize: bigint;
  bookLotSize: bigint;
  interfaces: { token: Interface; pool: Interface; oracle: Interface; burner: Interface; book: Interface; margin: Interface; vault: Interface };
  /** The same contracts as address + ABI, for `chain.read` (vault null when the scenario has none). */
  contracts: {
    base: ContractRef;
    quote: ContractRef;
    pool: ContractRef;
    oracle: ContractRef;
    book: ContractRef;
    margin: ContractRef;
    vault: ContractRef | null;
  };
  /** Number of the last setup block; simulated blocks follow it. */
  setupBlock: number;
}

/**
 * Deploys and funds everything a run needs in setup blocks stamped one second before t = 0: tokens,
 * the pool with its initial liquidity, the oracle with the start price, and each agent's inventory
 * and approvals. Then restores the scenario's gas limit and base fee for the first simulated block.
 */
/** The address of an agent's wallet k (wallet 0 holds its tokens; more wallets only send transactions). */
export function walletAddress(agentId: string, k: number): string {
  return actorAddress(k === 0 ? `agent/${agentId}` : `agent/${agentId}/wallet/${k}`);
}

export async function deploy(chain: Chain, scenario: Scenario, startPrice: number, agents: readonly { id: string; wallets: number }[]): Promise<Deployment> {
  const [token, pool, oracle, burner, book, margin, vault] = await Promise.all([
    loadArtifact("TestToken"),
    loadArtifact("ConstantProductPool"),
    loadArtifact("PriceOracle"),
    loadArtifact("GasBurner"),
    loadArtifact("OrderBook"),
    loadArtifact("MarginEngine"),
    loadArtifact("OptionsVault"),
  ]);
  const deployer = actorAddress("deployer");
  await chain.impersonate(deployer, GAS_TOKEN_BALANCE);
  await chain.setBlockGasLimit(SETUP_GAS_LIMIT);
  const nonces = new Map<string, number>();
  const hashes: string[] = [];
  const send = async (from: string, to: string | undefined, data: string) => {
    const nonce = nonces.get(from) ?? 0;
    nonces.set(from, nonce + 1);
    hashes.push(await chain.send({ from, to, data, gas: 15_000_000n, nonce, maxFeePerGas: 10n ** 12n, maxPriorityFeePerGas: 0n }));
  };
  const create = (artifact: { bytecode: string; iface: Interface }, args: unknown[]) => artifact.bytecode + artifact.iface.encodeDeploy(args).slice(2);

  // Contract addresses follow from the deployer's nonce: 0 base, 1 quote, 2 oracle, 3 pool, 4 burner, 5 book,
  // 6 margin, 7 vault (only deployed when the scenario has one; agents approve the address either way).
  const at = (nonce: number) => getCreateAddress({ from: deployer, nonce });
  const [base, quote, oracleAddr, poolAddr, burnerAddr, bookAddr, marginAddr, vaultAddr] = [0, 1, 2, 3, 4, 5, 6, 7].map(at);
  // A lot is lotBase units of the underlying; one tick is tickUsd per unit, i.e. tickUsd·lotBase USD per lot.
  const { tickUsd, lotBase } = scenario.contracts.book;
  const bookLotSize = toBase(lotBase);
  const bookTickSize = toQuote(tickUsd * lotBase);
  // The loader guarantees tickUsd × lotBase ≥ one micro-dollar (checkContractRules), so bookTickSize > 0.
  await send(deployer, undefined, create(token, ["Underlying", "UND", BASE_DECIMALS]));
  await send(deployer, undefined, create(token, ["USD Stablecoin", "USD", QUOTE_DECIMALS]));
  await send(deployer, undefined, create(oracle, [deployer]));
  await send(deployer, undefined, create(pool, [base, quote, BigInt(Math.round(scenario.contracts.pool.feeBps))]));
  await send(deployer, undefined, create(burner, []));
  await send(deployer, undefined, create(book, [base, quote, bookTickSize, bookLotSize]));
  const m = scenario.contracts.margin;
  const riskParams = [
    toWad(m.imRatio),
    toWad(m.mmRatio),
    toWad(m.shock),
    toWad(m.vol),
    toWad(m.penalty),
    toWad(m.keeperShare),
    BigInt(Math.round(m.maxOracleAgeSec)),
  ];
  await send(deployer, undefined, create(margin, [quote, oracleAddr, riskParams]));
  const v = scenario.contracts.vault;
  const genesis = scenario.network.genesisTime!;
  const vaultSeries = (v?.series ?? []).map((x) => ({
    type: x.type,
    strike: x.strike ?? x.moneyness! * startPrice,
    expiry: genesis + Math.round(x.expirySec),
  }));
  if (v) {
    const pricing = [toWad(v.baseIv), toSignedWad(v.skewSlope), toWad(v.minSkew), toWad(v.maxSkew)];
    const fees = [toWad(v.fees.option), toWad(v.fees.spot), toWad(v.fees.delta), toWad(v.fees.vega)];
    const market = [toWad(v.rate), toWad(v.shockSpot), toWad(v.shockVol), BigInt(Math.round(v.maxOracleAgeSec))];
    await send(deployer, undefined, create(vault, [quote, oracleAddr, "deltalag LP", "dlLP", pricing, fees, market]));
  }

  const halfUsd = scenario.contracts.pool.liquidityUsd / 2;
  const poolBase = toBase(halfUsd / startPrice);
  const poolQuote = toQuote(halfUsd);
  const t = token.iface;
  await send(deployer, base, t.encodeFunctionData("mint", [deployer, poolBase]));
  await send(deployer, quote, t.encodeFunctionData("mint", [deployer, poolQuote]));
  await send(deployer, base, t.encodeFunctionData("approve", [poolAddr, poolBase]));
  await send(deployer, quote, t.encodeFunctionData("approve", [poolAddr, poolQuote]));
  await send(deployer, poolAddr, pool.iface.encodeFunctionData("addLiquidity", [poolBase, poolQuote]));
  await send(deployer, oracleAddr, oracle.iface.encodeFunctionData("push", [toWad(startPrice)]));
  // The margin engine trades against a house pool and backs bad debt with an insurance fund.
  const house = toQuote(MARGIN_HOUSE_USD);
  const insurance = toQuote(m.insuranceFundUsd);
  await send(deployer, quote, t.encodeFunctionData("mint", [deployer, house + insurance]));
  await send(deployer, quote, t.encodeFunctionData("approve", [marginAddr, house + insurance]));
  await send(deployer, marginAddr, margin.iface.encodeFunctionData("fundHouse", [house]));
  if (insurance > 0n) await send(deployer, marginAddr, margin.iface.encodeFunctionData("fundInsurance", [insurance]));
  if (v) {
    const lp = toQuote(v.lpDepositUsd);
    await send(deployer, quote, t.encodeFunctionData("mint", [deployer, lp]));
    await send(deployer, quote, t.encodeFunctionData("approve", [vaultAddr, lp]));
    await send(deployer, vaultAddr, vault.iface.encodeFunctionData("deposit", [lp, deployer]));
    for (const x of vaultSeries) {
      await send(deployer, vaultAddr, vault.iface.encodeFunctionData("addSeries", [toWad(x.strike), BigInt(x.expiry), x.type === "call"]));
    }
  }

  const agentBase = toBase(AGENT_FUNDING_USD / startPrice);
  const agentQuote = toQuote(AGENT_FUNDING_USD);
  for (const { id, wallets } of agents) {
    await send(deployer, oracleAddr, oracle.iface.encodeFunctionData("setUpdater", [walletAddress(id, 0), true]));
    for (let k = 0; k < wallets; k++) {
      const wallet = walletAddress(id, k);
      await chain.impersonate(wallet, GAS_TOKEN_BALANCE);
      await send(deployer, base, t.encodeFunctionData("mint", [wallet, agentBase]));
      await send(deployer, quote, t.encodeFunctionData("mint", [wallet, agentQuote]));
      for (const spender of [poolAddr, bookAddr, marginAddr, vaultAddr]) {
        await send(wallet, base, t.encodeFunctionData("approve", [spender, 2n ** 255n]));
        await send(wallet, quote, t.encodeFunctionData("approve", [spender, 2n ** 255n]));
      }
    }
  }

  const setupTime = scenario.network.genesisTime! - 1;
  const included = new Set<string>();
  for (let guard = 0; included.size < hashes.length; guard++) {
    if (guard > 50) throw new SimError("DL200", "setup transactions did not fit in 50 blocks");
    await chain.mine(setupTime);
    for (const hash of (await chain.latestBlock()).transactions) included.add(hash);
  }
  for (const hash of hashes) {
    const receipt = await chain.receipt(hash);
    if (!receipt?.status) throw new SimError("DL200", `setup transaction ${hash} reverted`, { hint: "this is a bug in deltalag's setup" });
  }
  const setupBlock = (await chain.latestBlock()).number;
  await chain.setBlockGasLimit(scenario.network.blockGasLimit);
  const { initialBaseFeeGwei, baseFeeFloorGwei } = scenario.network;
  await chain.setNextBaseFee(gweiToWei(Math.max(initialBaseFeeGwei, baseFeeFloorGwei)));
  return {
    deployer,
    base,
    quote,
    pool: poolAddr,
    oracle: oracleAddr,
    burner: burnerAddr,
    book: bookAddr,
    margin: marginAddr,
    vault: v ? vaultAddr : null,
    vaultSeries,
    bookTickSize,
    bookLotSize,
    interfaces: {
      token: token.iface,
      pool: pool.iface,
      oracle: oracle.iface,
      burner: burner.iface,
      book: book.iface,
      margin: margin.iface,
      vault: vault.iface,
    },
    contracts: {
      base: { name: "base token", address: base, iface: token.iface },
      quote: { name: "quote token", address: quote, iface: token.iface },
      pool: { name: "ConstantProductPool", address: poolAddr, iface: pool.iface },
      oracle: { name: "PriceOracle", address: oracleAddr, iface: oracle.iface },
      book: { name: "OrderBook", address: bookAddr, iface: book.iface },
      margin: { name: "MarginEngine", address: marginAddr, iface: margin.iface },
      vault: v ? { name: "OptionsVault", address: vaultAddr, iface: vault.iface } : null,
    },
    setupBlock,
  };
}
