import { arbitrageurPlugin } from "./arbitrageur.ts";
import { congestionLoadPlugin } from "./congestion-load.ts";
import { leveragedTraderPlugin } from "./leveraged-trader.ts";
import { liquidationKeeperPlugin } from "./liquidation-keeper.ts";
import { marketMakerPlugin } from "./market-maker.ts";
import { noiseTraderPlugin } from "./noise-trader.ts";
import { optionTraderPlugin } from "./option-trader.ts";
import { oracleKeeperPlugin } from "./oracle-keeper.ts";
import { sniperPlugin } from "./sniper.ts";
import { vaultHedgerPlugin } from "./vault-hedger.ts";

/**
 * The shipped agent plug-ins, one line each. A scenario's `agents[].type` names one of them; the order
 * is the order in which error messages list the types.
 */
export const agentPlugins = [
  optionTraderPlugin,
  vaultHedgerPlugin,
  arbitrageurPlugin,
  noiseTraderPlugin,
  oracleKeeperPlugin,
  congestionLoadPlugin,
  marketMakerPlugin,
  sniperPlugin,
  leveragedTraderPlugin,
  liquidationKeeperPlugin,
] as const;
