import type { LeanIssue as Issue } from './lean-schema.js';

/**
 * Turns validation issues into one readable sentence per field, naming the field and what was
 * expected but never the value received: payloads carry phone numbers and notes, and this text
 * ends up in logs and in the softphone's console.
 */
export function describeIssues(issues: readonly Issue[]): { fields: string[]; text: string } {
  const fields: string[] = [];
  const parts: string[] = [];
  for (const issue of issues) {
    const field = issue.path.length === 0 ? '(payload)' : issue.path.map(String).join('.');
    if (!fields.includes(field)) fields.push(field);
    parts.push(`"${field}" ${explain(issue)}`);
  }
  return { fields, text: parts.join('; ') };
}

function explain(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is required (${issue.expected})`
        : `must be a ${issue.expected}, not ${kindOf(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big': {
      const bound =
        issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      return issue.origin === 'number'
        ? `must be ${bound}`
        : `must have ${bound} ${issue.origin === 'string' ? 'character(s)' : 'item(s)'}`;
    }
  }
}

/** The JSON kind of a value, for messages ("not string"). Says nothing about its content. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number';
  return typeof value;
}
