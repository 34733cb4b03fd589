import { SimError } from "../errors.ts";
import { parseAxisFlag, parseAxisYaml, type Axis, type AxisValue } from "./axis-spec.ts";

/** What is swept: the axes (their cartesian product gives the points) and the number of seeds per point. */
export interface SweepSpec {
  axes: Axis[];
  seeds: number;
  /** Every swept field, in axis order (the column order of runs.csv and points.csv). */
  fields: string[];
}

export interface SweepFlags {
  /** `--grid field=v1,v2` flags, each a cartesian axis. */
  grid?: readonly string[];
  /** `--zip field=a,b` flags, together one zipped axis (equal lengths, varied together). */
  zip?: readonly string[];
  /** `--seeds N`; overrides `sweep.seeds`. */
  seeds?: number;
}

const SECTION_KEYS = ["seeds", "grid", "zip"];

/**
 * Combines the scenario's `sweep:` section with the command-line flags. A field named on the command
 * line replaces that field in the section (the rest of a zipped group stays zipped). Axis order: the
 * section's grid, its zip groups, then new --grid fields, then the --zip group; the first axis varies
 * slowest. Throws DL100 for a malformed section and DL400 for malformed flags.
 *
 * @example
 * buildSweepSpec({ grid: { "network.blockTime": [2, 12] } }, { seeds: 4 }, "pool.yaml");
 */
export function buildSweepSpec(section: unknown, flags: SweepFlags, source: string): SweepSpec {
  const fromFile = readSection(section, source);
  const cliGrid = (flags.grid ?? []).map((text) => parseAxisFlag("--grid", text));
  const cliZip = (flags.zip ?? []).map((text) => parseAxisFlag("--zip", text));
  const onCli = new Set([...cliGrid, ...cliZip].map((a) => a.field));

  const axes: Axis[] = [];
  for (const axis of fromFile.axes) {
    const keep = axis.fields.map((f, i) => (onCli.has(f) ? -1 : i)).filter((i) => i >= 0);
    if (keep.length === 0) continue;
    axes.push({ kind: keep.length > 1 ? "zip" : "grid", fields: keep.map((i) => axis.fields[i]), rows: axis.rows.map((r) => keep.map((i) => r[i])) });
  }
  for (const { field, values } of cliGrid) axes.push({ kind: "grid", fields: [field], rows: values.map((v) => [v]) });
  if (cliZip.length > 0) axes.push(zipAxis(cliZip, "--zip"));

  const fields = axes.flatMap((a) => a.fields);
  const seen = new Set<string>();
  for (const field of fields) {
    if (seen.has(field))
      throw new SimError("DL400", `${field} is swept twice`, { hint: "name each field once, in one --grid, one --zip or the sweep: section" });
    seen.add(field);
    if (field === "seed" || field.startsWith("seed.")) {
      throw new SimError("DL400", `${field} cannot be swept`, { hint: "use --seeds N: run j uses seed base + j" });
    }
    if (field === "sweep" || field === "assertions" || field.startsWith("sweep.") || field.startsWith("assertions.")) {
      throw new SimError("DL400", `${field} cannot be swept`, { hint: "sweep scenario fields (docs/scenario.md)" });
    }
  }
  const seeds = flags.seeds ?? fromFile.seeds ?? 1;
  if (!Number.isInteger(seeds) || seeds < 1) throw new SimError("DL400", `--seeds must be an integer ≥ 1 (got ${seeds})`);
  return { axes, seeds, fields };
}

function readSection(section: unknown, source: string): { axes: Axis[]; seeds?: number } {
  if (section === undefined || section === null) return { axes: [] };
  const where = `${source}: sweep`;
  if (typeof section !== "object" || Array.isArray(section)) throw new SimError("DL100", `${where}: must be a mapping with seeds, grid and zip`);
  const s = section as Record<string, unknown>;
  const unknown = Object.keys(s).filter((k) => !SECTION_KEYS.includes(k));
  if (unknown.length) throw new SimError("DL100", `${where}.${unknown[0]}: unknown field (known: ${SECTION_KEYS.join(", ")})`);
  if (s.seeds !== undefined && (!Number.isInteger(s.seeds) || (s.seeds as number) < 1)) {
    throw new SimError("DL100", `${where}.seeds: must be an integer ≥ 1 (got ${JSON.stringify(s.seeds)})`);
  }
  const axes: Axis[] = [];
  for (const [field, values] of Object.entries(mapping(s.grid, `${where}.grid`))) {
    axes.push({ kind: "grid", fields: [field], rows: parseAxisYaml(`${where}.grid.${field}`, values).map((v) => [v]) });
  }
  const groups = s.zip === undefined || s.zip === null ? [] : Array.isArray(s.zip) ? s.zip : [s.zip];
  groups.forEach((group, g) => {
    const label = Array.isArray(s.zip) ? `${where}.zip[${g}]` : `${where}.zip`;
    const lists = Object.entries(mapping(group, label)).map(([field, values]) => ({ field, values: parseAxisYaml(`${label}.${field}`, values) }));
    if (lists.length) axes.push(zipAxis(lists, label, "DL100"));
  });
  return { axes, seeds: s.seeds as number | undefined };
}

function mapping(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new SimError("DL100", `${where}: must be a mapping of field → values`);
  return value as Record<string, unknown>;
}

function zipAxis(lists: readonly { field: string; values: AxisValue[] }[], label: string, code: "DL100" | "DL400" = "DL400"): Axis {
  const lengths = lists.map((l) => l.values.length);
  if (new Set(lengths).size > 1) {
    const detail = lists.map((l) => `${l.field} has ${l.values.length}`).join(", ");
    throw new SimError(code, `${label}: zipped fields must have the same number of values (${detail})`, {
      hint: "zipped lists are varied together, value k of each at once",
    });
  }
  return { kind: lists.length > 1 ? "zip" : "grid", fields: lists.map((l) => l.field), rows: lists[0].values.map((_, k) => lists.map((l) => l.values[k])) };
}
