import { keccak256, toUtf8Bytes, getAddress } from "ethers";

/** A deterministic address for a named actor (agents are impersonated, so no keys exist). */
export function actorAddress(name: string): string {
  return getAddress(`0x${keccak256(toUtf8Bytes(`deltalag/${name}`)).slice(-40)}`);
}
