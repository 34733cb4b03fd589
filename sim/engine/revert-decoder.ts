import type { Interface } from "ethers";

/**
 * Names the custom error (with its arguments) in revert data, trying each contract's ABI, then the
 * built-in Error(string) and Panic(uint256). Unknown data is returned as its selector.
 */
export class RevertDecoder {
  private readonly interfaces: readonly Interface[];

  constructor(interfaces: readonly Interface[]) {
    this.interfaces = interfaces;
  }

  decode(data: string): string {
    if (!data || data === "0x") return "reverted without reason (out of gas or empty revert)";
    for (const iface of this.interfaces) {
      try {
        const parsed = iface.parseError(data);
        if (parsed) return `${parsed.name}(${parsed.args.map((a) => String(a)).join(", ")})`;
      } catch {
        // not this contract's error
      }
    }
    return `unknown error ${data.slice(0, 10)}`;
  }
}
