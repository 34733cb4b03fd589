import { id } from "ethers";
import type { Log } from "../chain/chain.ts";

/** Decodes the events the engine follows straight from topics and data (ethers' parseLog is ~90 µs a log). */
export const TOPICS = {
  swap: id("Swap(address,address,bool,uint256,uint256,uint256,uint256,uint256)"),
  priceUpdated: id("PriceUpdated(uint256,uint256,uint256)"),
};

export interface SwapEvent {
  baseIn: boolean;
  amountIn: bigint;
  amountOut: bigint;
  feeAmount: bigint;
  reserveBase: bigint;
  reserveQuote: bigint;
}

export interface PriceUpdatedEvent {
  roundId: bigint;
  priceX18: bigint;
  updatedAt: bigint;
}

/** The i-th 32-byte word of ABI-encoded log data, as an unsigned integer. */
export const word = (data: string, i: number) => BigInt(`0x${data.slice(2 + 64 * i, 66 + 64 * i)}`);

export function decodeSwap(log: Log): SwapEvent {
  const d = log.data;
  return {
    baseIn: word(d, 0) === 1n,
    amountIn: word(d, 1),
    amountOut: word(d, 2),
    feeAmount: word(d, 3),
    reserveBase: word(d, 4),
    reserveQuote: word(d, 5),
  };
}

export function decodePriceUpdated(log: Log): PriceUpdatedEvent {
  return { roundId: BigInt(log.topics[1]), priceX18: word(log.data, 0), updatedAt: word(log.data, 1) };
}
