import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@govgraph/core';
import { startPostgres } from './postgres.js';

/** What the server answers to a trivial query, or why it does not. */
async function ask(url: string): Promise<unknown> {
  const { db } = openDatabase<any>({ subgraph: 'probe', url });
  try {
    return await db.selectNoFrom((eb) => eb.lit(42).as('answer')).execute();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  } finally {
    await db.destroy();
  }
}

describe('startPostgres', () => {
  it('serves a database on a free port, then stops and leaves no directory behind', async () => {
    const postgres = await startPostgres();
    expect(existsSync(postgres.directory)).toBe(true);
    expect(await ask(postgres.url)).toEqual([{ answer: 42 }]);
    await postgres.stop();
    expect(existsSync(postgres.directory)).toBe(false);
    expect(await ask(postgres.url)).toBe('ECONNREFUSED');
  }, 60_000);
});
