// ESLint 9 flat config: typescript-eslint's `recommended` set (syntax only, no type information, so the
// lint stays a few seconds) plus the project's one error rule: sim/ and agents/ throw only SimError
// (sim/errors.ts), so every failure reaching the CLI has a stable code, a hint and the right exit code.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** `throw new X(...)`, `throw X(...)` for an error class, and thrown literals, with X anything but SimError. */
const throwOnlySimError = (allowed = ["SimError"]) => {
  const names = allowed.join("|");
  const message = `sim/ and agents/ throw only SimError (sim/errors.ts): give the failure a DL code and a hint, or return a SimError from a helper (allowed here: ${allowed.join(", ")})`;
  return [
    { selector: `ThrowStatement > NewExpression:not([callee.type='Identifier'][callee.name=/^(${names})$/])`, message },
    { selector: `ThrowStatement > CallExpression[callee.type='Identifier'][callee.name=/^[A-Z]\\w*Error$/]:not([callee.name=/^(${names})$/])`, message },
    { selector: "ThrowStatement > :matches(Literal, TemplateLiteral, ObjectExpression, ArrayExpression)", message },
  ];
};

/** Node's globals for the plain JavaScript files (TypeScript checks its own with @types/node). */
const nodeGlobals = Object.fromEntries(
  ["process", "console", "Buffer", "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "structuredClone"].map((name) => [name, "readonly"]),
);

export default defineConfig(
  { ignores: ["node_modules/", "artifacts/", "cache/", "types/", "results/", "coverage/", ".tmp/"] },
  {
    files: ["**/*.{ts,js,mjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a key, interface-shaped parameters).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    // chai's property assertions (`expect(x).to.be.NaN`) are expressions by design.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-unused-expressions": "off" },
  },
  {
    files: ["sim/**/*.ts", "agents/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...throwOnlySimError()] },
  },
  {
    // Commander's option parsers report a bad flag value by throwing its InvalidArgumentError: commander
    // catches it, names the flag and throws a CommanderError that printError maps to exit 2.
    files: ["sim/cli/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...throwOnlySimError(["SimError", "InvalidArgumentError"])] },
  },
);
