/** Entity references to the catalogue (service-items), which resolves their names and fields. */
import type { DepartmentRef, RegionRef, ServiceItemRef } from './rows.js';

export const departmentRef = (code: string): DepartmentRef => ({ __typename: 'Department', code });
export const regionRef = (code: string): RegionRef => ({ __typename: 'Region', code });
export const serviceItemRef = (code: string): ServiceItemRef => ({ __typename: 'ServiceItem', code });
