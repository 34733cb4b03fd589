import type { z } from "zod";

/**
 * Turns zod issues into one line each: `agents[2].params.spreadBps: must be ≥ 0 (got -5)`.
 * Every problem is listed, so a user fixes a scenario in one pass.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], knownKeys: (path: PropertyKey[]) => string[]): string[] {
  return issues.flatMap((issue) => {
    const where = formatPath(issue.path);
    const got = "input" in issue && issue.input !== undefined ? ` (got ${show(issue.input)})` : "";
    switch (issue.code) {
      case "too_small":
        return [`${where}: must be ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}${got}`];
      case "too_big":
        return [`${where}: must be ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}${got}`];
      case "invalid_type":
        return [`${where}: must be ${issue.expected === "int" ? "an integer" : `a ${issue.expected}`}${got}`];
      case "invalid_value":
        return [`${where}: must be one of ${issue.values.map((v) => show(v)).join(", ")}${got}`];
      case "unrecognized_keys":
        return issue.keys.map((key) => {
          const known = knownKeys(issue.path);
          const near = closest(key, known);
          const suggestion = near ? ` — did you mean "${near}"?` : known.length ? ` (known: ${known.join(", ")})` : "";
          return `${formatPath([...issue.path, key])}: unknown field${suggestion}`;
        });
      case "invalid_union": {
        if ("discriminator" in issue && issue.discriminator) {
          const options = (issue as { options?: unknown[] }).options ?? [];
          const input = (issue as { input?: unknown }).input;
          const tag = input && typeof input === "object" ? (input as Record<string, unknown>)[issue.discriminator as string] : input;
          const near = typeof tag === "string" ? closest(tag, options.map(String)) : undefined;
          const tagText = tag === undefined ? " (missing)" : ` (got ${show(tag)})${near ? ` — did you mean "${near}"?` : ""}`;
          return [`${where}: must be one of ${options.map((o) => show(o)).join(", ")}${tagText}`];
        }
        // A plain union (a number, or an object of some shape): report the branch whose type matched.
        const branches = ((issue as { errors?: z.core.$ZodIssue[][] }).errors ?? []).filter(
          (branch) => !branch.some((i) => i.code === "invalid_type" && i.path.length === 0),
        );
        if (branches.length === 1) {
          return formatIssues(
            branches[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
            knownKeys,
          );
        }
        return [`${where}: ${issue.message}${got}`];
      }
      default:
        return [`${where}: ${issue.message}${got}`];
    }
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(scenario)";
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "a list" : "an object";
  return String(value);
}

/** The known key nearest to `key` by edit distance, when it is close enough to be a typo. */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    if (candidate.toLowerCase().startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(candidate.toLowerCase())) return candidate;
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
