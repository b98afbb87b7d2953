import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, parseScopes, viewerFromClaims } from './viewer.js';

describe('viewer', () => {
  it('reads sub, roles, space-separated scopes and dept from claims', () => {
    expect(viewerFromClaims({ sub: 'u1', roles: ['staff'], scope: 'workorders:read  pii:read', dept: 'D' })).toEqual({
      sub: 'u1',
      authenticated: true,
      roles: ['staff'],
      scopes: ['workorders:read', 'pii:read'],
      dept: 'D',
    });
    expect(viewerFromClaims({ scope: 42 })).toMatchObject({ sub: null, roles: ['user'], scopes: [], dept: null });
    expect(parseScopes(['a', 1, 'b'])).toEqual(['a', 'b']);
  });

  it('masks phones and names', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0759-2345678')).toBe('075*****5678');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName(null)).toBeNull();
  });
});
