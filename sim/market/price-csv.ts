import { readFileSync } from "node:fs";
import { SimError } from "../errors.ts";

/** Largest price a replay file may hold, USD per unit (the contracts' 1e18-scaled prices stay far inside uint128). */
const MAX_PRICE = 1e12;

export interface PriceSeries {
  /** Unix seconds, strictly increasing. */
  times: Float64Array;
  prices: Float64Array;
}

/**
 * Reads a CSV with a header row and picks a time column (unix seconds) and a price column. Errors name
 * the file, the line and the fix; the scenario field that named the file is given by the caller.
 *
 * @example
 * readPriceCsv("data/eth.csv", "timestamp", "close", "market.file");
 */
export function readPriceCsv(path: string, timeColumn: string, priceColumn: string, field: string): PriceSeries {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new SimError("DL110", `${field}: cannot read ${path}`, { hint: "check the path (relative to the scenario file)", cause });
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const timeIndex = header.indexOf(timeColumn);
  const priceIndex = header.indexOf(priceColumn);
  for (const [name, index, key] of [
    [timeColumn, timeIndex, "timeColumn"],
    [priceColumn, priceIndex, "priceColumn"],
  ] as const) {
    if (index < 0) {
      throw new SimError("DL110", `${field}: ${path} has no column "${name}"`, {
        hint: `columns are ${header.join(", ")}; set market.${key}`,
      });
    }
  }
  const rows = lines.length - 1;
  if (rows < 2) throw new SimError("DL110", `${field}: ${path} needs at least 2 data rows (has ${rows})`);
  const times = new Float64Array(rows);
  const prices = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const cells = lines[i + 1].split(",");
    const lineNo = i + 2;
    const t = numberCell(cells, timeIndex, timeColumn, path, lineNo);
    const p = numberCell(cells, priceIndex, priceColumn, path, lineNo);
    if (!(p > 0) || p > MAX_PRICE) {
      throw new SimError(
        "DL110",
        `${path}:${lineNo}: column ${priceIndex + 1} (${priceColumn}) "${cells[priceIndex].trim()}" must be a positive price ≤ ${MAX_PRICE}`,
        {
          hint: `fix or remove line ${lineNo}`,
        },
      );
    }
    if (i > 0 && t <= times[i - 1]) {
      throw new SimError("DL110", `${path}:${lineNo}: timestamps must increase (${t} after ${times[i - 1]})`);
    }
    times[i] = t;
    prices[i] = p;
  }
  return { times, prices };
}

/** A finite number in a cell: empty cells, text, `Infinity` and overflowing literals like 1e400 are refused. */
function numberCell(cells: readonly string[], index: number, column: string, path: string, lineNo: number): number {
  const text = (cells[index] ?? "").trim();
  const value = text === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) {
    throw new SimError("DL110", `${path}:${lineNo}: column ${index + 1} (${column}) "${text}" is not a finite number`, {
      hint: `fix or remove line ${lineNo}`,
    });
  }
  return value;
}
