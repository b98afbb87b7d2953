/**
 * Zod's issues as one line a person can act on: `receivedAt: not a date and time ("2021-13-01");
 * departmentCode: check character should be X`. Kept short, as it is stored with every
 * quarantined record and shown in the graph.
 */
import type { ZodError } from 'zod';

const MAX_ISSUES = 5;

/** Each issue as `field: reason` (just the reason for the record as a whole). */
export function issueReasons(error: ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

export function describeIssues(error: ZodError): string {
  const reasons = issueReasons(error);
  const more = reasons.length - MAX_ISSUES;
  const shown = reasons.slice(0, MAX_ISSUES).join('; ');
  return more > 0 ? `${shown}; and ${more} more` : shown;
}
