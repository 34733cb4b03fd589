import type { FunctionFragment, Interface, Result } from "ethers";
import type { EthereumProvider } from "hardhat/types/providers";
import type { NetworkConnection } from "hardhat/types/network";
import { SimError } from "../errors.ts";
import { getHre } from "./hre.ts";

export interface ChainOptions {
  blockGasLimit: number;
  initialBaseFeeWei: bigint;
  ordering: "priority" | "fifo";
  chainType: "l1" | "op" | "generic";
  /** Unix seconds of the genesis block. */
  genesisTime: number;
}

export interface TxRequest {
  from: string;
  to?: string;
  data: string;
  gas: bigint;
  nonce: number;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface BlockHeader {
  number: number;
  timestamp: number;
  gasUsed: bigint;
  gasLimit: bigint;
  baseFeePerGas: bigint;
  transactions: string[];
}

export interface Log {
  address: string;
  topics: string[];
  data: string;
}

export interface Receipt {
  transactionHash: string;
  blockNumber: number;
  transactionIndex: number;
  status: boolean;
  gasUsed: bigint;
  effectiveGasPrice: bigint;
  contractAddress: string | null;
  logs: Log[];
  /** OP chains: the L1 data fee the sender paid on top of gas, wei (0 elsewhere). */
  l1Fee: bigint;
}

/** A deployed contract as reads need it: a name for messages, its address and the ABI its artifact carries. */
export interface ContractRef {
  name: string;
  address: string;
  iface: Interface;
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/**
 * The single owner of the chain connection: an in-process EDR network with automine off, explicit
 * block timestamps, and raw JSON-RPC on the fast paths (explicit gas, fees and nonces; impersonated
 * senders, so EDR signs nothing and estimates nothing).
 */
export class Chain {
  private readonly connection: NetworkConnection<"l1" | "op" | "generic">;
  readonly provider: EthereumProvider;

  private constructor(connection: NetworkConnection<"l1" | "op" | "generic">) {
    this.connection = connection;
    this.provider = connection.provider;
  }

  static async open(options: ChainOptions): Promise<Chain> {
    const hre = await getHre();
    const connection = await hre.network.create({
      network: "sim",
      chainType: options.chainType,
      override: {
        blockGasLimit: BigInt(options.blockGasLimit),
        initialBaseFeePerGas: options.initialBaseFeeWei,
        mining: { auto: false, interval: 0, mempool: { order: options.ordering } },
        allowBlocksWithSameTimestamp: true,
        initialDate: new Date(options.genesisTime * 1000),
        throwOnTransactionFailures: false,
        throwOnCallFailures: false,
        // Setup transactions (deployments) may exceed the EIP-7825 per-transaction cap on small blocks.
        transactionGasCap: false,
        loggingEnabled: false,
      },
    });
    return new Chain(connection);
  }

  request<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return this.provider.request({ method, params }) as Promise<T>;
  }

  async impersonate(address: string, balanceWei: bigint): Promise<void> {
    await this.request("hardhat_impersonateAccount", [address]);
    await this.request("hardhat_setBalance", [address, hex(balanceWei)]);
  }

  /** Puts a transaction in the mempool and returns its hash. */
  send(tx: TxRequest): Promise<string> {
    return this.request<string>("eth_sendTransaction", [
      {
        from: tx.from,
        to: tx.to,
        data: tx.data,
        gas: hex(tx.gas),
        nonce: hex(tx.nonce),
        maxFeePerGas: hex(tx.maxFeePerGas),
        maxPriorityFeePerGas: hex(tx.maxPriorityFeePerGas),
      },
    ]);
  }

  dropTransaction(hash: string): Promise<boolean> {
    return this.request<boolean>("hardhat_dropTransaction", [hash]);
  }

  /** Mines one block at exactly `timestamp` with whatever the mempool holds (EDR orders and caps it). */
  async mine(timestamp: number): Promise<void> {
    await this.request("evm_mine", [timestamp]);
  }

  /** Mines `count` blocks cheaply (EDR creates them lazily); the first at `firstTimestamp`. */
  async mineMany(count: number, firstTimestamp: number, intervalSec: number): Promise<void> {
    if (count <= 0) return;
    await this.request("evm_setNextBlockTimestamp", [firstTimestamp]);
    await this.request("hardhat_mine", [hex(count), hex(intervalSec)]);
  }

  async setNextBaseFee(wei: bigint): Promise<void> {
    await this.request("hardhat_setNextBlockBaseFeePerGas", [hex(wei)]);
  }

  async setBlockGasLimit(gas: number): Promise<void> {
    await this.request("evm_setBlockGasLimit", [hex(gas)]);
  }

  async latestBlock(): Promise<BlockHeader> {
    const b = await this.request<Record<string, unknown>>("eth_getBlockByNumber", ["latest", false]);
    return {
      number: Number(b.number),
      timestamp: Number(b.timestamp),
      gasUsed: BigInt(b.gasUsed as string),
      gasLimit: BigInt(b.gasLimit as string),
      baseFeePerGas: BigInt((b.baseFeePerGas as string) ?? "0x0"),
      transactions: b.transactions as string[],
    };
  }

  /** The receipt of a mined transaction, or null while it is pending. */
  async receipt(hash: string): Promise<Receipt | null> {
    const r = await this.request<Record<string, unknown> | null>("eth_getTransactionReceipt", [hash]);
    if (!r) return null;
    return {
      transactionHash: hash,
      blockNumber: Number(r.blockNumber),
      transactionIndex: Number(r.transactionIndex),
      status: r.status === "0x1",
      gasUsed: BigInt(r.gasUsed as string),
      effectiveGasPrice: BigInt(r.effectiveGasPrice as string),
      contractAddress: (r.contractAddress as string | null) ?? null,
      logs: r.logs as Log[],
      l1Fee: r.l1Fee ? BigInt(r.l1Fee as string) : 0n,
    };
  }

  /** Raw eth_call at the head (or `blockTag`): the result bytes, or revert data when it reverts. Views go through `read`. */
  call(from: string, to: string, data: string, blockTag = "latest"): Promise<string> {
    return this.request<string>("eth_call", [{ from, to, data }, blockTag]);
  }

  /**
   * Calls a view function at the head and decodes its result with the contract's ABI: a function with
   * one output gives that value (a struct comes back as an ethers Result with named fields), one with
   * several outputs the whole Result. A call that reverts or returns data its ABI cannot decode stops
   * the run (DL202): the engine only reads views that cannot fail.
   *
   * @example
   * const balance = await chain.read<bigint>(d.contracts.quote, "balanceOf", [owner]);
   * const [reserveBase, reserveQuote] = await chain.read<Result>(d.contracts.pool, "getReserves");
   */
  async read<T = Result>(contract: ContractRef, fn: string, args: readonly unknown[] = []): Promise<T> {
    let fragment: FunctionFragment | null;
    try {
      fragment = contract.iface.getFunction(fn, args as unknown[]); // the values pick an overload
    } catch {
      fragment = null;
    }
    if (!fragment)
      throw new SimError("DL202", `${contract.name} has no function ${fn}`, {
        hint: "the engine reads a function its artifact's ABI lacks: rebuild the contracts (npx hardhat build)",
      });
    const raw = await this.request<string>("eth_call", [
      { to: contract.address, data: contract.iface.encodeFunctionData(fragment, args as unknown[]) },
      "latest",
    ]);
    let out: Result;
    try {
      out = contract.iface.decodeFunctionResult(fragment, raw);
    } catch (cause) {
      throw new SimError(
        "DL202",
        `reading ${contract.name}.${fn} at ${contract.address} failed: the call reverted or returned undecodable data (${raw.slice(0, 74)})`,
        {
          hint: "the engine's view of the deployment diverged from the chain; this is a bug in deltalag",
          cause,
        },
      );
    }
    return (fragment.outputs.length === 1 ? out[0] : out) as T;
  }

  /** The revert data of a mined, failed transaction (callTracer is the cheapest tracer, ≈0.2 ms). */
  async revertData(hash: string): Promise<string> {
    const trace = await this.request<{ output?: string }>("debug_traceTransaction", [hash, { tracer: "callTracer" }]);
    return trace.output ?? "0x";
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
