import type { Command } from "commander";
import { SimError } from "../errors.ts";
import { mergeSweeps } from "../sweep/merge.ts";

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("combine the shard folders of one sweep into one sweep folder (runs, runs.csv, points.csv)")
    .argument("<out>", "the merged sweep folder (new, a previous merge, or one of the shards)")
    .argument("<shardDir...>", "the --out folders of `deltalag sweep --shard i/n`")
    .action((out: string, shardDirs: string[]) => {
      const result = mergeSweeps(out, shardDirs);
      const count = (status: string) => result.records.filter((r) => r.status === status).length;
      console.log(
        `merged ${shardDirs.length} folders: ${result.records.length} runs, ${count("ok")} ok, ${count("failed")} failed, ${result.missing.length} missing (${result.copied} run folders copied)`,
      );
      console.log(`results: ${result.out}`);
      if (result.missing.length) {
        const list = result.missing.slice(0, 10).join(", ");
        throw new SimError("DL300", `${result.missing.length} runs are in none of the folders: ${list}${result.missing.length > 10 ? ", …" : ""}`, {
          hint: "a shard is missing or unfinished: re-run it (it resumes), then merge again",
        });
      }
    });
}
