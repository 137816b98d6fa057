// The few lines `npm run build` (and so `npm start`) prints when it succeeds (UX review D18): one row
// per self-contained bundle with its gzip size, compared with its budget only where `npm test`
// enforces one (scripts/build-entries.mjs `budgetEnforced`). A budget that is only a target prints
// nothing: a newcomer reads "OVER" as a broken build.

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * @param {{ output: string, gzip: number }[]} bundles gzip -9 sizes of the dist/*.iife.js files
 * @param {{ output: string, budgetGzip?: number, budgetEnforced?: boolean }[]} entries scripts/build-entries.mjs iifeEntries
 * @param {{ seconds: number, library: number }} run how long the build took, how many ESM entries it wrote
 * @returns {string[]} the lines to print
 */
export function buildSummary(bundles, entries, run) {
  const rows = [...bundles]
    .sort((a, b) => a.output.localeCompare(b.output))
    .map(({ output, gzip }) => {
      const entry = entries.find((e) => e.output === output);
      const budget = entry?.budgetEnforced === true && entry.budgetGzip !== undefined ? entry.budgetGzip : undefined;
      const verdict =
        budget === undefined
          ? ''
          : gzip <= budget
            ? `  ≤ ${kb(budget)} budget`
            : `  OVER the ${kb(budget)} budget (npm test fails)`;
      return [output, kb(gzip), verdict];
    });
  const width = Math.max(...rows.map((r) => r[0].length));
  const sizeWidth = Math.max(...rows.map((r) => r[1].length));
  return [
    `build: dist/ ready in ${run.seconds.toFixed(0)} s (${run.library} ESM entries with types, ${bundles.length} bundles; gzip sizes)`,
    ...rows.map(([file, size, verdict]) => `  ${file.padEnd(width)}  ${size.padStart(sizeWidth)}${verdict}`),
  ];
}
