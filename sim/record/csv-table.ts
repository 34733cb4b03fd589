import { closeSync, openSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { stringify } from "csv-stringify/sync";

export type Cell = string | number | boolean | null;

/**
 * A CSV file written as rows arrive (buffered, flushed every `flushEvery` rows) so long runs never hold
 * their results in memory. Cells are written as given: numbers in JavaScript's shortest round-trip
 * form, so the same run gives the same bytes.
 */
export class CsvTable<Row extends Record<string, Cell>> {
  readonly columns: readonly (keyof Row & string)[];
  private readonly fd: number;
  private buffer: Cell[][] = [];
  private readonly flushEvery: number;
  rows = 0;
  /** File name, for messages. */
  readonly name: string;
  /**
   * The first NaN or infinite number written, if any. A CSV cell is a measurement a user will average:
   * the run refuses to publish one that is not a number (run-scenario's final check).
   */
  nonFinite: { column: string; row: number; value: number } | undefined;

  constructor(path: string, columns: readonly (keyof Row & string)[], flushEvery = 2_000) {
    this.columns = columns;
    this.flushEvery = flushEvery;
    this.name = basename(path);
    this.fd = openSync(path, "w");
    writeSync(this.fd, stringify([columns as string[]]));
  }

  append(row: Row): void {
    const cells = this.columns.map((c) => row[c]);
    if (this.nonFinite === undefined) {
      const i = cells.findIndex((v) => typeof v === "number" && !Number.isFinite(v));
      if (i >= 0) this.nonFinite = { column: this.columns[i], row: this.rows + 1, value: cells[i] as number };
    }
    this.buffer.push(cells);
    this.rows++;
    if (this.buffer.length >= this.flushEvery) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, stringify(this.buffer, { cast: { boolean: (b) => (b ? "true" : "false") } }));
    this.buffer = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
