// Checks shared by the scenarios whose CRM is the server's ledger (reloads, tabs).
import { logDifferences } from '../lib/calls.mjs';
import { until } from '../lib/harness.mjs';

/** Waits until the ledger holds every planned call's log with its final fields (or `ms` passes). */
export function ledgerComplete(ledger, plan, ms) {
  return until(
    () =>
      plan.every(
        (call) =>
          logDifferences(ledger.records.get(`${call.conversationId}:callLog`)?.call, call.expected).length === 0,
      ),
    ms,
    100,
  );
}

/** Exactly once, ordering and screen-pop checks over the ledger. */
export function checkLedger(checks, ledger, plan) {
  const keys = new Set(plan.map((c) => `${c.conversationId}:callLog`));
  const extra = [...ledger.records.keys()].filter((k) => !keys.has(k));
  checks.that(
    ledger.records.size === plan.length && extra.length === 0,
    `${ledger.records.size} call logs for ${plan.length} calls${extra.length > 0 ? ` (unexpected: ${extra.slice(0, 3).join(', ')})` : ''}`,
  );
  for (const call of plan) {
    const record = ledger.records.get(`${call.conversationId}:callLog`);
    if (!checks.that(record !== undefined, `${call.conversationId} (${call.variant}): lost, no call log`)) continue;
    const diff = logDifferences(record.call, call.expected);
    checks.that(diff.length === 0, `${call.conversationId} (${call.variant}): ${diff.join('; ')}`);
    const pops = ledger.pops.get(call.conversationId)?.length ?? 0;
    checks.that(pops <= 1, `${call.conversationId}: ${pops} screen pops`);
  }
  const unexplained = ledger.unexplainedReplays();
  checks.that(
    unexplained.length === 0,
    `doubled: creates sent again without a lost reply: ${JSON.stringify(unexplained.slice(0, 3))}`,
  );
  checks.that(
    ledger.staleWrites.length === 0,
    `out of order: older revisions written after newer ones: ${JSON.stringify(ledger.staleWrites.slice(0, 3))}`,
  );
  checks.that(
    ledger.receiptMismatches.length === 0,
    `writes with a receipt of another record: ${JSON.stringify(ledger.receiptMismatches.slice(0, 3))}`,
  );
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tab's bridge status once its outbox has nothing pending (or after `ms`). */
export async function settledOutbox(page, ms = 15_000) {
  let status = await page.evaluate(() => window.relTab.status());
  await until(
    async () => {
      status = await page.evaluate(() => window.relTab.status());
      return status.outbox.pending === 0;
    },
    ms,
    100,
  );
  return status;
}
