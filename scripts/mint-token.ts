/**
 * `npm run token -- --scope "workorders:read pii:read" [--dept CODE] [--sub NAME] [--role ROLE] [--ttl 1h]`
 * Prints a caller token for the local gateway, signed with GOVGRAPH_JWT_SECRET or, when that is
 * unset, the development secret `npm start` uses (`<data dir>/.dev-jwt-secret`, created on first
 * use). For development only: production tokens come from the identity provider.
 */
import { parseArgs } from 'node:util';
import { ensureDevJwtSecret } from '../packages/core/src/dev-secrets.js';
import { mintCallerToken } from '../gateway/src/auth.js';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', default: '' },
    dept: { type: 'string' },
    sub: { type: 'string', default: 'developer' },
    role: { type: 'string', multiple: true },
    ttl: { type: 'string', default: '1h' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: npm run token -- --scope "workorders:read pii:read" [--dept CODE] [--sub NAME] [--role ROLE] [--ttl 1h]');
  process.exit(0);
}
if (process.env.NODE_ENV === 'production') {
  console.error('npm run token is for development: production tokens come from the identity provider.');
  process.exit(1);
}

const token = await mintCallerToken({
  secret: process.env.GOVGRAPH_JWT_SECRET || ensureDevJwtSecret(),
  scope: values.scope,
  sub: values.sub,
  ttl: values.ttl,
  ...(values.dept ? { dept: values.dept } : {}),
  ...(values.role?.length ? { roles: values.role } : {}),
  ...(process.env.GOVGRAPH_JWT_ISSUER ? { issuer: process.env.GOVGRAPH_JWT_ISSUER } : {}),
  ...(process.env.GOVGRAPH_JWT_AUDIENCE ? { audience: process.env.GOVGRAPH_JWT_AUDIENCE } : {}),
});
process.stdout.write(`${token}\n`);
