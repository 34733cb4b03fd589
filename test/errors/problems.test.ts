import { expect } from "chai";
import { SimError } from "../../sim/errors.ts";
import { formatProblems, problemsError } from "../../sim/problems.ts";
import { assertFiniteResults } from "../../sim/record/finite-check.ts";
import { resolveScenario } from "../../sim/scenario/load.ts";
import { parseAssertions } from "../../sim/sweep/assertions.ts";
import { planSweep } from "../../sim/sweep/sweep-plan.ts";

/** The SimError `f` throws. */
function thrown(f: () => unknown): SimError {
  try {
    f();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(SimError);
    return error as SimError;
  }
  expect.fail("expected a SimError");
}

/** Checks the one "N problems" layout and returns its parts: `source: N nouns[ in topic]`, then N lines indented by two spaces. */
function layout(message: string): { source: string; count: number; noun: string; lines: string[] } {
  const [header, ...lines] = message.split("\n");
  const m = /^(.+): (\d+) ([a-z][a-z -]*?)( in [a-z]+)?$/.exec(header);
  expect(m, `header "${header}"`).to.not.equal(null);
  const count = Number(m![2]);
  expect(lines.length, message).to.equal(count);
  for (const line of lines) expect(line, message).to.match(/^ {2}\S/);
  // "1 problem", "2 problems": the plural only when there is not exactly one.
  expect(m![3].endsWith("s"), header).to.equal(count !== 1);
  return { source: m![1], count, noun: m![3], lines: lines.map((l) => l.slice(2)) };
}

describe("problems listed in one error (sim/problems.ts)", () => {
  it("formats a count, an optional topic and one indented line per problem", () => {
    expect(formatProblems("s.yaml", ["a: bad"])).to.equal("s.yaml: 1 problem\n  a: bad");
    expect(formatProblems("s.yaml", ["a: bad", "b: worse"], { topic: "assertions" })).to.equal("s.yaml: 2 problems in assertions\n  a: bad\n  b: worse");
    expect(formatProblems("the run", ["metric x = NaN"], { noun: "non-finite result" })).to.equal("the run: 1 non-finite result\n  metric x = NaN");
    const cause = new Error("inner");
    const e = problemsError("DL100", "s.yaml", ["a: bad", "b: worse"], { hint: "see docs", cause });
    expect(e).to.be.instanceOf(SimError);
    expect(e).to.include({ code: "DL100", hint: "see docs", exitCode: 2, cause });
    expect(problemsError("DL203", "the run", ["x"]).exitCode).to.equal(1);
  });

  it("gives every site that collects problems (scenario schema and rules, assertions, swept fields, finite results) the same layout", () => {
    const schema = layout(thrown(() => resolveScenario({ duration: -1, network: { blockTime: -2 } }, process.cwd(), "t", {}, "mine.yaml")).message);
    expect(schema).to.include({ source: "mine.yaml", count: 2, noun: "problems" });

    const rules = thrown(() => resolveScenario({ contracts: { margin: { penalty: 0.5 } } }, process.cwd(), "t", {}, "mine.yaml"));
    expect(rules.code).to.equal("DL100");
    expect(layout(rules.message)).to.include({ source: "mine.yaml", count: 1, noun: "problem" });

    const assertions = thrown(() => parseAssertions([{ metric: "lvrUsd", op: "~", value: 1 }, { metric: "lvrUsd" }], "s.yaml", [], []));
    expect(layout(assertions.message)).to.include({ source: "s.yaml", count: 3, noun: "problems" }); // a bad op; op and value missing
    expect(assertions.message.split("\n")[0]).to.equal("s.yaml: 3 problems in assertions");

    const swept = thrown(() => planSweep("scenarios/quickstart.yaml", { grid: ["network.blokTime=1,2"] }));
    expect(swept.code).to.equal("DL400");
    const sweptLayout = layout(swept.message);
    expect(sweptLayout).to.include({ source: "scenarios/quickstart.yaml", count: 1, noun: "unknown swept field" });
    expect(sweptLayout.lines[0]).to.equal('network.blokTime: unknown field — did you mean "blockTime"?');

    const finite = thrown(() => assertFiniteResults({ a: Number.NaN, b: Number.POSITIVE_INFINITY }, []));
    expect(finite.code).to.equal("DL203");
    expect(layout(finite.message)).to.deep.equal({ source: "the run", count: 2, noun: "non-finite results", lines: ["metric a = NaN", "metric b = Infinity"] });
  });
});
