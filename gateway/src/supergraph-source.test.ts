import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { callCenter, composeSupergraph, departments, makeTempDir, quietLogger, type TempDir } from './__fixtures__/subgraphs.js';
import { FileSupergraphSource, prepareSupergraph } from './supergraph-source.js';

const SDL = composeSupergraph([
  { name: departments.name, url: 'http://127.0.0.1:5001/graphql', typeDefs: departments.initialTypeDefs },
  { name: callCenter.name, url: 'http://127.0.0.1:5002/graphql', typeDefs: callCenter.initialTypeDefs },
]);
const SDL_V2 = composeSupergraph([
  { name: departments.name, url: 'http://127.0.0.1:5001/graphql', typeDefs: departments.typeDefs },
  { name: callCenter.name, url: 'http://127.0.0.1:5002/graphql', typeDefs: callCenter.typeDefs },
]);

describe('prepareSupergraph', () => {
  it('lists the subgraphs of the join__Graph enum', () => {
    const { supergraphSdl, subgraphs } = prepareSupergraph(SDL);
    expect(supergraphSdl).toBe(SDL);
    expect(subgraphs).toEqual([
      { name: 'call-center', graph: 'CALL_CENTER', url: 'http://127.0.0.1:5002/graphql' },
      { name: 'departments', graph: 'DEPARTMENTS', url: 'http://127.0.0.1:5001/graphql' },
    ]);
  });

  it('rewrites only the overridden subgraph URL in the SDL', () => {
    const { supergraphSdl, subgraphs } = prepareSupergraph(SDL, { CALL_CENTER: 'http://calls.internal/graphql' });
    expect(subgraphs.map((s) => s.url)).toEqual(['http://calls.internal/graphql', 'http://127.0.0.1:5001/graphql']);
    expect(supergraphSdl).toContain('url: "http://calls.internal/graphql"');
    expect(supergraphSdl).toContain('url: "http://127.0.0.1:5001/graphql"');
    expect(supergraphSdl).not.toContain('5002');
    // Still a supergraph we can read back.
    expect(prepareSupergraph(supergraphSdl).subgraphs).toEqual(subgraphs);
  });

  it('ignores overrides for subgraphs it does not have', () => {
    expect(prepareSupergraph(SDL, { HOTLINE: 'http://x/graphql' }).supergraphSdl).toBe(SDL);
  });

  it('rejects text that is not a supergraph', () => {
    expect(() => prepareSupergraph('type Query {')).toThrow();
    expect(() => prepareSupergraph('type Query { a: Int }')).toThrow(/join__Graph/);
    expect(() => prepareSupergraph('enum join__Graph { A }')).toThrow(/join__graph/);
  });
});

describe('FileSupergraphSource', () => {
  let temp: TempDir;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.remove());

  async function initialized(file: string, update: (sdl: string) => void, urlOverrides = {}) {
    const logger = quietLogger();
    const source = new FileSupergraphSource({ path: file, logger, watch: false, urlOverrides });
    const result = await source.hook({
      update,
      healthCheck: async () => {},
      getDataSource: () => {
        throw new Error('not used');
      },
    });
    return { source, logger, result };
  }

  it('hands the gateway the file with overrides applied, and a cleanup', async () => {
    const file = temp.file('init.graphql');
    await writeFile(file, SDL);
    const { source, result } = await initialized(file, () => {}, { DEPARTMENTS: 'http://dept.internal/graphql' });
    expect(parse(result.supergraphSdl)).toBeTruthy();
    expect(result.supergraphSdl).toContain('http://dept.internal/graphql');
    expect(source.current()?.subgraphs.find((s) => s.name === 'departments')?.url).toBe('http://dept.internal/graphql');
    expect(typeof result.cleanup).toBe('function');
    await result.cleanup!();
  });

  it('fails the start when the file is missing or broken', async () => {
    await expect(initialized(temp.file('missing.graphql'), () => {})).rejects.toThrow(/ENOENT/);
    const broken = temp.file('broken.graphql');
    await writeFile(broken, 'type Query {');
    await expect(initialized(broken, () => {})).rejects.toThrow();
  });

  it('passes a changed file to update, and skips an unchanged one', async () => {
    const file = temp.file('reload.graphql');
    await writeFile(file, SDL);
    const updates: string[] = [];
    const { source } = await initialized(file, (sdl) => updates.push(sdl));
    expect(await source.reload()).toBe('unchanged');
    await writeFile(file, SDL_V2);
    expect(await source.reload()).toBe('updated');
    expect(updates).toEqual([SDL_V2]);
    expect(source.current()?.supergraphSdl).toBe(SDL_V2);
    await source.close();
  });

  it('keeps the current supergraph when the gateway rejects the new one', async () => {
    const file = temp.file('rejected.graphql');
    await writeFile(file, SDL);
    const { source, logger } = await initialized(file, () => {
      throw new Error('invalid supergraph');
    });
    await writeFile(file, SDL_V2);
    expect(await source.reload()).toBe('rejected');
    expect(source.current()?.supergraphSdl).toBe(SDL);
    expect(logger.errors.join('\n')).toMatch(/rejected, still serving the previous one: invalid supergraph/);
    // The same bad content again is not re-logged.
    expect(await source.reload()).toBe('rejected');
    expect(logger.errors).toHaveLength(1);
    await source.close();
  });

  it('waits out an empty (half-written) file without an error', async () => {
    const file = temp.file('empty.graphql');
    await writeFile(file, SDL);
    const updates: string[] = [];
    const { source, logger } = await initialized(file, (sdl) => updates.push(sdl));
    await writeFile(file, '');
    expect(await source.reload()).toBe('unchanged');
    expect(updates).toEqual([]);
    expect(logger.errors).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('');
    await source.close();
  });

  it('does nothing after close', async () => {
    const file = temp.file('closed.graphql');
    await writeFile(file, SDL);
    const updates: string[] = [];
    const { source } = await initialized(file, (sdl) => updates.push(sdl));
    await source.close();
    await writeFile(file, SDL_V2);
    expect(await source.reload()).toBe('unchanged');
    expect(updates).toEqual([]);
  });
});
