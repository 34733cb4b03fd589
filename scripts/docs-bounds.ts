// Rewrites the generated "Bounds" table of docs/scenario.md from the scenario schema
// (test/scenario/bounds.test.ts fails when the two differ).
import { readFileSync, writeFileSync } from "node:fs";
import { BOUNDS_END, BOUNDS_START, boundsTable } from "../sim/scenario/bounds-table.ts";
import { scenarioSchema } from "../sim/scenario/schema.ts";

const file = "docs/scenario.md";
const text = readFileSync(file, "utf8");
const start = text.indexOf(BOUNDS_START);
const end = text.indexOf(BOUNDS_END);
if (start < 0 || end < 0) throw new Error(`${file}: bounds markers not found`);
writeFileSync(file, text.slice(0, start) + boundsTable(scenarioSchema) + text.slice(end + BOUNDS_END.length));
console.log(`${file}: bounds table rewritten`);
