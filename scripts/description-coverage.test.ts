import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDescriptions, formatReports, main, subgraphSdlFiles } from './description-coverage.js';

const documented = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A calendar date (日期)."
  scalar Date

  type Query {
    "Work orders over a filter (工单)."
    workOrders(
      "Which work orders (筛选条件)."
      filter: WorkOrderFilter!
    ): [WorkOrder!]!
  }

  "A citizen's request to the 12345 hotline (工单)."
  type WorkOrder @key(fields: "id") {
    "Its number (工单编号)."
    id: ID!
    "How it arrived (来源渠道)."
    channel: Channel!
    "The old channel code (旧渠道代码)."
    legacyChannel: String @deprecated(reason: "Use channel.")
  }

  "How a work order arrived (来源渠道)."
  enum Channel {
    "By phone (电话)."
    PHONE
    "On the web (网站)."
    WEB
  }

  "Which work orders (筛选条件)."
  input WorkOrderFilter {
    "First day (起始日期)."
    from: Date!
  }
`;

describe('checkDescriptions', () => {
  it('passes an SDL where every element is described', () => {
    const report = checkDescriptions(documented);
    expect(report.gaps).toEqual([]);
    expect(report.withoutChineseTerm).toEqual([]);
    // Date, WorkOrder (+3 fields), Channel (+2 values), WorkOrderFilter (+1), workOrders (+1 arg).
    expect(report.elements).toBe(12);
  });

  it('fails on an undocumented type, field, argument, enum value and input field, and a reasonless deprecation', () => {
    const sdl = /* GraphQL */ `
      type Query {
        workOrders(filter: WorkOrderFilter!): [WorkOrder!]!
      }
      type WorkOrder {
        "   "
        id: ID!
        "The old channel code (旧渠道代码)."
        legacyChannel: String @deprecated
      }
      "How a work order arrived (来源渠道)."
      enum Channel {
        PHONE
      }
      "Which work orders (筛选条件)."
      input WorkOrderFilter {
        from: String
      }
      extend type WorkOrder {
        rating: Int
      }
    `;
    const report = checkDescriptions(sdl, 'hotline.graphql');
    expect(report.gaps.map((g) => `${g.coordinate} ${g.kind}: ${g.problem}`)).toEqual([
      'Query.workOrders field: no description',
      'Query.workOrders(filter:) argument: no description',
      'WorkOrder type: no description',
      'WorkOrder.id field: no description',
      'WorkOrder.legacyChannel field: @deprecated without a reason',
      'Channel.PHONE enum value: no description',
      'WorkOrderFilter.from input field: no description',
      'WorkOrder.rating field: no description',
    ]);
    expect(report.gaps[0]!.line).toBe(3);
    expect(formatReports([report])).toContain('FAILED: 8 gap(s)');
  });

  it('warns, without failing, about a description with no Chinese term', () => {
    const report = checkDescriptions(documented.replace('"By phone (电话)."', '"By phone."'));
    expect(report.gaps).toEqual([]);
    expect(report.withoutChineseTerm.map((e) => e.coordinate)).toEqual(['Channel.PHONE']);
  });
});

describe('the subgraph SDLs in schema/', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are all four checked, and the supergraph is not', () => {
    const names = subgraphSdlFiles().map((f) => path.basename(f));
    expect(names).toEqual(['certificates.graphql', 'cloud.graphql', 'hotline.graphql', 'service-items.graphql']);
  });

  it.each(subgraphSdlFiles().map((f) => [path.basename(f), f]))('%s documents every element', (_name, file) => {
    const report = checkDescriptions(readFileSync(file, 'utf8'), file);
    expect(report.gaps.map((g) => `${g.line} ${g.coordinate}: ${g.problem}`)).toEqual([]);
  });

  it('npm run schema:docs exits 1 on a file with a gap', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const dir = mkdtempSync(path.join(tmpdir(), 'description-coverage-'));
    try {
      const withGap = path.join(dir, 'undocumented.graphql');
      writeFileSync(withGap, documented.replace('"Its number (工单编号)."', ''));
      expect(main([withGap])).toBe(1);
      expect(main(subgraphSdlFiles())).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
