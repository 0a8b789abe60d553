"use strict";
// Runs a built self-test (dist/aerpc-selftest.jsx) in the simulated After Effects as a user
// would from File > Scripts > Run Script File, and prints what it left behind as JSON:
//   node tests/extension/run_selftest.js SELFTEST.jsx WORK_DIR [demo|empty]
// {report: {results, failed, summary, path, text}, alerts: [...], projectFile, reportFile}

const path = require("path");
const simulator = require(path.join(__dirname, "..", "..", "runtime", "simulator"));

const [selftest, workDir, project] = process.argv.slice(2);
const engine = simulator.createExtendScriptEngine({ project: project || "demo", workDir });
const before = engine.run("app.project.file === null ? null : app.project.file.fsName");
const reportPath = path.join(workDir, "selftest-report.txt");
engine.globals.__aerpc_selftest_options = { reportPath, scratchDir: path.join(workDir, "scratch") };
engine.loadFiles([selftest]);
const report = engine.globals.__aerpc_selftest_report;
process.stdout.write(
  JSON.stringify({
    report: report && {
      results: [...report.results].map((r) => ({ method: r.method, status: r.status, phase: r.phase, detail: r.detail })),
      failed: report.failed,
      summary: report.summary,
      path: report.path,
      text: report.text,
    },
    alerts: engine.sim.alerts.map((a) => a.message),
    projectBefore: before,
    projectAfter: engine.run("app.project.file === null ? null : app.project.file.fsName"),
    undoDepth: engine.sim.undo.depth,
    taskErrors: engine.sim.taskErrors,
  }) + "\n",
);
