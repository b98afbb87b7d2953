/**
 * The import status types (ImportStatus, ImportRun, …) map to core's rows in every importing
 * subgraph's resolver types, because core's importAdminResolvers serves them: each subgraph's
 * codegen.mappers.ts spreads this in.
 */
export const IMPORT_STATUS_MAPPERS: Readonly<Record<string, string>> = {
  ImportStatus: '@govgraph/core#ImportStatusRow',
  ImportResourceStatus: '@govgraph/core#ImportResourceStatusRow',
  ImportRun: '@govgraph/core#ImportRunRow',
  QuarantinedRecord: '@govgraph/core#QuarantinedRecordRow',
  QuarantinedRecordConnection: '@govgraph/core#QuarantinedRecordPage',
  QuarantineRetryResult: '@govgraph/core#QuarantineRetryRow',
};
