import { problemsError } from "../problems.ts";
import type { Cell, CsvTable } from "./csv-table.ts";

/**
 * The last check before a run is published: every metric and every CSV cell that is a number is finite.
 * A NaN or an infinity is a wrong number a user would average without noticing, so the run fails
 * (exit 1, nothing published) and names the first offender.
 */
export function assertFiniteResults(metrics: Readonly<Record<string, number>>, tables: readonly CsvTable<Record<string, Cell>>[]): void {
  const bad = Object.entries(metrics).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v));
  const cells = tables
    .filter((t) => t.nonFinite !== undefined)
    .map((t) => `${t.name} row ${t.nonFinite!.row} column ${t.nonFinite!.column} = ${t.nonFinite!.value}`);
  if (bad.length === 0 && cells.length === 0) return;
  const lines = [...bad.map(([k, v]) => `metric ${k} = ${String(v)}`), ...cells];
  throw problemsError("DL203", "the run", lines, {
    noun: "non-finite result",
    hint: "nothing was published; this is a bug in deltalag or an extreme scenario: rerun with DELTALAG_DEBUG=1 and report the scenario",
  });
}
