import { parseArgs } from 'node:util';
import { ROLES } from '../auth/Principal';
import { secretKeyOf } from '../auth/TokenVerifier';
import { signToken } from '../auth/signToken';
import { loadConfig } from '../config';
import { runCli } from './runCli';

const USAGE = `usage: npm run token -- --role editor|admin [--subject <name>] [--expires <span>]

Prints a signed bearer token for local use (HS256 with AUTH_JWT_SECRET, or the development secret in
AUTH_DEV_SECRET_FILE that \`npm start\` also reads). --expires takes 30m, 12h, 7d… (default 12h), at most
AUTH_JWT_MAX_AGE (24h by default).`;

/** `npm run token -- --role editor`: the token alone on stdout, so that \`TOKEN=$(npm run -s token -- --role editor)\` works. */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: { role: { type: 'string' }, subject: { type: 'string' }, expires: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.role === undefined || !(ROLES as readonly string[]).includes(values.role)) {
    console.error(`--role must be one of: ${ROLES.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const expires = values.expires ?? '12h';
  if (!/^\d+\s?(s|m|h|d|w)$/.test(expires)) {
    console.error(`--expires must be a span such as 30m, 12h or 7d (got "${expires}")`);
    return 2;
  }
  const config = loadConfig();
  if (spanSeconds(expires) > config.auth.maxTokenAgeSeconds) {
    console.error(`--expires ${expires} is longer than AUTH_JWT_MAX_AGE (${config.auth.maxTokenAgeSeconds} s): the gateway would refuse the token`);
    return 2;
  }
  const key = secretKeyOf(config.auth);
  if (!key) {
    console.error(
      config.auth.key.kind === 'publicKey'
        ? 'AUTH_JWT_PUBLIC_KEY is set: tokens come from your identity provider, this command cannot sign them'
        : 'no signing secret: set AUTH_JWT_SECRET (production never uses the development secret file)',
    );
    return 2;
  }
  const token = await signToken(key, {
    subject: values.subject ?? `dev-${values.role}`,
    role: values.role,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    expiresIn: expires,
  });
  console.log(token);
  return 0;
}

/** Seconds of a span as --expires takes it (`30m`, `12h`, `7d`, `2w`). */
function spanSeconds(span: string): number {
  const [, amount = '0', unit = 's'] = /^(\d+)\s?(s|m|h|d|w)$/.exec(span) ?? [];
  return Number(amount) * { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[unit as 's' | 'm' | 'h' | 'd' | 'w'];
}

runCli('token', main);
