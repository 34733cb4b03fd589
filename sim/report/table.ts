import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { SimError } from "../errors.ts";

/**
 * A CSV file held column by column, tolerant of missing columns: `num("x")` is undefined when the file
 * has no column `x`, so a chart can skip itself instead of failing. Empty cells read as NaN.
 *
 * @example
 * const blocks = readTable(dir, "blocks.csv");
 * const t = blocks?.num("time"); // Float64Array | undefined
 */
export class Table {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: number;
  private readonly cells: string[][];
  private readonly numbers = new Map<string, Float64Array>();

  constructor(file: string, header: readonly string[], cells: string[][]) {
    this.file = file;
    this.columns = header;
    this.cells = cells;
    this.rows = cells.length;
  }

  has(...names: string[]): boolean {
    return names.every((n) => this.columns.includes(n));
  }

  /** The column as numbers (NaN for empty or non-numeric cells); undefined if the column is absent. */
  num(name: string): Float64Array | undefined {
    const cached = this.numbers.get(name);
    if (cached) return cached;
    const i = this.columns.indexOf(name);
    if (i < 0) return undefined;
    const out = new Float64Array(this.rows);
    for (let r = 0; r < this.rows; r++) {
      const cell = this.cells[r][i];
      out[r] = cell === undefined || cell === "" ? Number.NaN : Number(cell);
    }
    this.numbers.set(name, out);
    return out;
  }

  /** The column as strings ("" for empty cells); undefined if the column is absent. */
  text(name: string): string[] | undefined {
    const i = this.columns.indexOf(name);
    if (i < 0) return undefined;
    return this.cells.map((row) => row[i] ?? "");
  }

  /** Row `r` as name → string, for tooltips of sparse event tables (liquidations, hedges). */
  row(r: number): Record<string, string> {
    return Object.fromEntries(this.columns.map((c, i) => [c, this.cells[r][i] ?? ""]));
  }
}

/** Reads `<dir>/<name>` if it exists; a file that is not valid CSV is a DL300 error naming it. */
export function readTable(dir: string, name: string): Table | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  let records: string[][];
  try {
    records = parse(readFileSync(path), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (cause) {
    throw new SimError("DL300", `cannot read ${path}: not valid CSV`, { cause, hint: "re-run the scenario to rewrite its results folder" });
  }
  const [header, ...cells] = records;
  return new Table(name, header ?? [], cells);
}
