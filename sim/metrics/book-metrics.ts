import type { AgentRole } from "../../agents/define-agent.ts";
import { definedOnly, meanOf, quantileOf, ratioOf } from "./defined.ts";

export interface FillSample {
  /** What the maker and the takers do (their plug-ins' roles). */
  makerRoles: ReadonlySet<AgentRole>;
  takerRoles: readonly ReadonlySet<AgentRole>[];
  size: number;
  price: number;
  refPrice: number;
  /** The maker's fair value when it quoted. */
  fairValue: number;
  /** +1 the maker bought, −1 it sold. */
  side: 1 | -1;
  /** Maker markouts in bps at +1, +5, +30 blocks, from its quote-time fair value. */
  markouts: readonly number[];
  quoteAgeSec: number;
  /** Reference price 30 blocks after the fill. */
  refLater: number;
}

/**
 * Order-book metrics (docs/outputs.md): quoted spread of the top of book (time-weighted over blocks),
 * effective spread and markouts of fills (notional-weighted), sniped volume, quote age at fill, and the
 * market makers' P&L components.
 */
export class BookMetrics {
  private spreadTimeBps = 0;
  private spreadTime = 0;
  private readonly spreadSamples: number[] = [];
  private notional = 0;
  private effectiveBpsNotional = 0;
  private readonly markoutNotional = [0, 0, 0];
  private snipedUsd = 0;
  private readonly quoteAges: number[] = [];
  private fills = 0;
  spreadCaptureUsd = 0;
  adverseSelectionUsd = 0;
  hedgingCostUsd = 0;

  addQuotedSpread(bps: number, dtSec: number): void {
    this.spreadTimeBps += bps * dtSec;
    this.spreadTime += dtSec;
    this.spreadSamples.push(bps);
  }

  addFill(f: FillSample): void {
    const notional = f.size * f.price;
    this.fills++;
    this.notional += notional;
    this.effectiveBpsNotional += ((2 * Math.abs(f.price - f.refPrice)) / f.refPrice) * 10_000 * notional;
    f.markouts.forEach((m, i) => (this.markoutNotional[i] += m * notional));
    if (f.takerRoles.some((roles) => roles.has("sniping"))) this.snipedUsd += notional;
    this.quoteAges.push(f.quoteAgeSec);
    if (f.makerRoles.has("market-making")) {
      // The fill's P&L at +30 blocks, q·side·(S_{t+30} − p), split into the spread earned against the
      // maker's own fair value, q·side·(F − p), and the adverse move from that fair value,
      // q·side·(S_{t+30} − F) — stale quotes picked off show up in the second (Glosten & Milgrom 1985).
      this.spreadCaptureUsd += f.size * f.side * (f.fairValue - f.price);
      this.adverseSelectionUsd -= f.size * f.side * (f.refLater - f.fairValue);
    }
  }

  finish(): Record<string, number> {
    const perNotional = (x: number) => ratioOf(x, this.notional);
    return definedOnly({
      quotedSpreadBpsTw: ratioOf(this.spreadTimeBps, this.spreadTime),
      quotedSpreadBpsP50: quantileOf(this.spreadSamples, 0.5),
      quotedSpreadBpsP95: quantileOf(this.spreadSamples, 0.95),
      bookFills: this.fills,
      bookVolumeUsd: this.notional,
      effectiveSpreadBps: perNotional(this.effectiveBpsNotional),
      markoutBps1: perNotional(this.markoutNotional[0]),
      markoutBps5: perNotional(this.markoutNotional[1]),
      markoutBps30: perNotional(this.markoutNotional[2]),
      snipedVolumeUsd: this.snipedUsd,
      quoteAgeAtFillSecP50: quantileOf(this.quoteAges, 0.5),
      quoteAgeAtFillSecMean: meanOf(this.quoteAges),
      mmSpreadCaptureUsd: this.spreadCaptureUsd,
      mmAdverseSelectionUsd: this.adverseSelectionUsd,
      mmHedgingCostUsd: this.hedgingCostUsd,
    });
  }
}
