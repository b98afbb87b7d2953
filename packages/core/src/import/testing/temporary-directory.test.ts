import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './temporary-directory.js';

const forTheFile = temporaryDirectory('govgraph-temporary-test-');
let forOneTest = '';

describe('temporaryDirectory', () => {
  it('makes a new empty directory each time', () => {
    forOneTest = temporaryDirectory('govgraph-temporary-test-');
    writeFileSync(`${forOneTest}/export.csv`, 'id\n1\n');
    expect(forOneTest).not.toBe(forTheFile);
    expect(readdirSync(forTheFile)).toEqual([]);
  });

  it('removes a directory made in a test once that test is done, and keeps the file-wide one until the end', () => {
    expect(forOneTest).not.toBe('');
    expect(existsSync(forOneTest)).toBe(false);
    expect(existsSync(forTheFile)).toBe(true);
  });
});
