/**
 * Zod's issues as one line a person can act on: `receivedAt: not a date and time ("2021-13-01");
 * departmentCode: check character should be X`. Kept short, as it is stored with every
 * quarantined record and shown in the graph.
 */
import type { ZodError } from 'zod';

const MAX_ISSUES = 5;

export function describeIssues(error: ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${parts.join('; ')}; and ${more} more` : parts.join('; ');
}
