import { expect } from "chai";
import { ESLint } from "eslint";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SimError } from "../../sim/errors.ts";
import { loadFolder } from "../../sim/report/load-folder.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The lines at which the project's ESLint config (eslint.config.js) reports its SimError rule in `code`, linted as `file`. */
async function flagged(eslint: ESLint, file: string, code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, JSON.stringify(fatal)).to.deep.equal([]);
  return result.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
}

const SNIPPET = [
  'import { SimError } from "../errors.ts";', // 1
  "declare const errors: { Bad: new () => Error };", // 2
  "declare function problems(): SimError;", // 3
  "export function f(n: number): void {",
  '  if (n === 1) throw new Error("x");', // 5: flagged
  '  if (n === 2) throw new RangeError("x");', // 6: flagged
  '  if (n === 3) throw TypeError("x");', // 7: flagged (a call without new)
  "  if (n === 4) throw new errors.Bad();", // 8: flagged (a member expression)
  '  if (n === 5) throw "x";', // 9: flagged (a literal)
  '  if (n === 6) throw new SimError("DL100", "x");', // 10
  "  if (n === 7) throw problems();", // 11: a helper returning a SimError
  "  try {",
  "    f(n + 1);",
  "  } catch (error) {",
  "    throw error;", // 15: rethrowing what was caught
  "  }",
  "}",
  'export const g = () => { throw new InvalidArgumentError("x"); };', // 18
  "declare class InvalidArgumentError extends Error {}",
].join("\n");

describe("only SimError is thrown in sim/ and agents/ (eslint.config.js)", () => {
  const eslint = new ESLint({ cwd: root });

  it("flags throwing anything but a SimError in sim/ and agents/", async () => {
    expect(await flagged(eslint, "sim/scenario/example.ts", SNIPPET)).to.deep.equal([5, 6, 7, 8, 9, 18]);
    expect(await flagged(eslint, "agents/example.ts", SNIPPET)).to.deep.equal([5, 6, 7, 8, 9, 18]);
  });

  it("lets sim/cli throw commander's InvalidArgumentError (commander names the flag; exit 2) and nothing else", async () => {
    expect(await flagged(eslint, "sim/cli/example.ts", SNIPPET)).to.deep.equal([5, 6, 7, 8, 9]);
  });

  it("leaves tests and scripts free to throw any error", async () => {
    expect(await flagged(eslint, "test/example.test.ts", SNIPPET)).to.deep.equal([]);
    expect(await flagged(eslint, "scripts/example.ts", SNIPPET)).to.deep.equal([]);
  });

  it("reports a summary.json that is not a JSON object, or not JSON, as DL300 naming the file (sim/report, rewritten without a plain Error)", () => {
    for (const text of ["[1, 2]", "null", "{ not json"]) {
      const dir = mkdtempSync(join(tmpdir(), "deltalag-json-"));
      writeFileSync(join(dir, "summary.json"), text);
      expect(() => loadFolder(dir), text)
        .to.throw(SimError, join(dir, "summary.json"))
        .with.property("code", "DL300");
    }
  });
});
