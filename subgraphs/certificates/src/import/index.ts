/** What the import runner may bring into this subgraph: one entry per upstream resource. */
import type { AnyImportResource } from '@govgraph/core';
import type { Database } from '../store/schema.js';
import { issuanceResource } from './issuance.js';

export const importResources: readonly AnyImportResource<Database>[] = [issuanceResource];
