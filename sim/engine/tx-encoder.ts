import type { SendableIntent } from "./types.ts";
import { GAS } from "../../agents/gas-estimates.ts";
import type { Deployment } from "../chain/deploy.ts";
import { BASE_DECIMALS, QUOTE_DECIMALS, toRaw } from "../chain/units.ts";

export interface EncodedCall {
  to: string;
  data: string;
  gas: bigint;
}

/** Turns an agent's intent into the contract call it means (calldata encoding is pure). */
export function encodeIntent(intent: SendableIntent, d: Deployment, sender: string): EncodedCall {
  switch (intent.kind) {
    case "swap": {
      const [inDecimals, outDecimals] = intent.baseIn ? [BASE_DECIMALS, QUOTE_DECIMALS] : [QUOTE_DECIMALS, BASE_DECIMALS];
      const data = d.interfaces.pool.encodeFunctionData("swap", [
        intent.baseIn,
        toRaw(intent.amountIn, inDecimals),
        toRaw(intent.minAmountOut, outDecimals),
        sender,
      ]);
      return { to: d.pool, data, gas: GAS.swap.limit };
    }
    case "oracle-push":
      return { to: d.oracle, data: d.interfaces.oracle.encodeFunctionData("push", [toRaw(intent.price, 18)]), gas: GAS["oracle-push"].limit };
    case "requote": {
      const cancelIds = [...intent.cancelIds];
      const orders = intent.orders.map((o) => ({ isAsk: o.isAsk, tick: bookTick(o.price, d), lots: bookLots(o.size, d) }));
      const data = d.interfaces.book.encodeFunctionData("requote", [cancelIds, orders.filter((o) => o.lots > 0n && o.tick > 0n)]);
      return { to: d.book, data, gas: GAS.requote.limit };
    }
    case "take": {
      // The limit rounds toward the taker's side: a buy never pays above its limit, a sell never below.
      const raw = (intent.limitPrice * 1e6 * Number(d.bookLotSize)) / 1e18 / Number(d.bookTickSize);
      const limitTick = BigInt(Math.max(1, Math.min(2 ** 24 - 1, intent.isBuy ? Math.floor(raw + 1e-9) : Math.ceil(raw - 1e-9))));
      const data = d.interfaces.book.encodeFunctionData("take", [intent.isBuy, limitTick, bookLots(intent.size, d), 8n, intent.fillOrKill]);
      return { to: d.book, data, gas: GAS.take.limit };
    }
    case "margin-deposit":
      return {
        to: d.margin,
        data: d.interfaces.margin.encodeFunctionData("deposit", [toRaw(intent.amountUsd, QUOTE_DECIMALS)]),
        gas: GAS["margin-deposit"].limit,
      };
    case "margin-trade": {
      const size = toRaw(Math.abs(intent.sizeBase), 18);
      return { to: d.margin, data: d.interfaces.margin.encodeFunctionData("tradePerp", [intent.sizeBase < 0 ? -size : size]), gas: GAS["margin-trade"].limit };
    }
    case "liquidate":
      return {
        to: d.margin,
        data: d.interfaces.margin.encodeFunctionData("liquidate", [intent.account, toRaw(intent.maxSizeBase, 18)]),
        gas: GAS.liquidate.limit,
      };
    // Vault series ids start at 1, in listing order; intents index the scenario's list from 0.
    case "option-trade": {
      const amount = toRaw(intent.amount, 18);
      const limit = toRaw(intent.limitUsd, QUOTE_DECIMALS);
      const fn = intent.isBuy ? "buy" : "sell";
      const data = d.interfaces.vault.encodeFunctionData(fn, [BigInt(intent.series + 1), amount, limit, BigInt(intent.deadline)]);
      return { to: d.vault!, data, gas: GAS["option-trade"].limit };
    }
    case "vault-settle":
      return {
        to: d.vault!,
        data: d.interfaces.vault.encodeFunctionData("settle", [BigInt(intent.series + 1), BigInt(intent.roundId)]),
        gas: GAS["vault-settle"].limit,
      };
    case "burn": {
      const words = burnWords(intent.gas);
      // Limit with headroom over the target: base 21k, calldata and call overhead (~1.2k) on top of memory.
      return { to: d.burner, data: d.interfaces.burner.encodeFunctionData("burn", [words]), gas: BigInt(intent.gas + 5_000) };
    }
  }
}

/**
 * Memory words whose expansion costs the gas a burn transaction targets beyond the fixed ~22.5k (21k
 * base, calldata, dispatch): 3·w + w²/512 = g ⇒ w = 256·(√(9 + g/128) − 3).
 */
export function burnWords(gas: number): number {
  const g = Math.max(0, gas - 22_500);
  return Math.max(1, Math.floor(256 * (Math.sqrt(9 + g / 128) - 3)));
}

/** The book tick of a USD price (nearest; makers round their own prices to the tick first). */
export function bookTick(price: number, d: Deployment): bigint {
  return BigInt(Math.round((price * 1e6 * Number(d.bookLotSize)) / 1e18 / Number(d.bookTickSize)));
}

/** Whole lots in a base amount (rounded down, at least what fits; zero when smaller than a lot). */
export function bookLots(size: number, d: Deployment): bigint {
  return BigInt(Math.floor((size * 1e18) / Number(d.bookLotSize) + 1e-9));
}

/** USD price of a book tick. */
export function tickPrice(tick: bigint | number, d: Deployment): number {
  return (Number(tick) * Number(d.bookTickSize) * 1e12) / Number(d.bookLotSize);
}
