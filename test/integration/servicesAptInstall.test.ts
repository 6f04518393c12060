import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/core/projectRoot';

/*
 * scripts/services' svc_apt_install on a "fresh Debian machine", with apt-get, dpkg-query and sudo replaced by
 * recorders on PATH (nothing is installed; policy-rc.d and createcluster.conf are temporary files): while packages
 * install, policy-rc.d forbids every daemon start (exit 101), so no postinst starts a system PostgreSQL, Redis or
 * InfluxDB on the default ports; PostgreSQL is installed after postgresql-common with `create_main_cluster = false`;
 * afterwards the machine's own policy is as it was.
 */

const ROOT = projectRoot(__dirname);
const COMMON = path.join(ROOT, 'scripts', 'lib', 'services-common.sh');

interface Machine {
  readonly dir: string;
  readonly policy: string;
  readonly createcluster: string;
  /** One line per apt-get install: `packages | policy-rc.d exit code | create_main_cluster line`. */
  installs(): string[];
}

/** Fake apt-get: records what each install sees, then "installs" (remembers the packages for dpkg-query). */
const FAKE_APT_GET = `#!/usr/bin/env bash
[ "$1" = update ] && exit 0
shift; pkgs=()
for a in "$@"; do case "$a" in -*|Dpkg::*) ;; *) pkgs+=("$a") ;; esac; done
rc=none; [ -x "$SVC_POLICY_RC_D" ] && { "$SVC_POLICY_RC_D" postgresql start >/dev/null 2>&1; rc=$?; }
cluster=$(grep -E '^[[:space:]]*#?[[:space:]]*create_main_cluster' "$SVC_CREATECLUSTER_CONF" 2>/dev/null | tr '\\n' ' ')
echo "\${pkgs[*]} | $rc | \${cluster% }" >>"$FAKE_MACHINE/installs"
[ -n "\${FAKE_APT_FAIL:-}" ] && exit 100
printf '%s\\n' "\${pkgs[@]}" >>"$FAKE_MACHINE/installed"
`;
const FAKE_DPKG_QUERY = `#!/usr/bin/env bash
pkg="\${@: -1}"
grep -qx "$pkg" "$FAKE_MACHINE/installed" 2>/dev/null && { printf 'install ok installed'; exit 0; }
exit 1
`;
const FAKE_SUDO = `#!/usr/bin/env bash
exec "$@"
`;

function fakeMachine(): Machine {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'apt-machine-'));
  mkdirSync(path.join(dir, 'bin'));
  for (const [name, text] of [['apt-get', FAKE_APT_GET], ['dpkg-query', FAKE_DPKG_QUERY], ['sudo', FAKE_SUDO]] as const) {
    writeFileSync(path.join(dir, 'bin', name), text);
    chmodSync(path.join(dir, 'bin', name), 0o755);
  }
  return {
    dir,
    policy: path.join(dir, 'policy-rc.d'),
    createcluster: path.join(dir, 'etc', 'postgresql-common', 'createcluster.conf'),
    installs: () =>
      existsSync(path.join(dir, 'installs'))
        ? readFileSync(path.join(dir, 'installs'), 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => line.trimEnd())
        : [],
  };
}

/** Sources services-common.sh and runs `svc_apt_install PACKAGES…` on the fake machine. */
function aptInstall(machine: Machine, packages: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', `set -euo pipefail; . "$1"; shift; svc_apt_install "$@"`, 'aptInstall', COMMON, ...packages],
      {
        env: {
          ...process.env,
          ...env,
          ROOT,
          PATH: `${path.join(machine.dir, 'bin')}:${process.env['PATH'] ?? ''}`,
          FAKE_MACHINE: machine.dir,
          SVC_POLICY_RC_D: machine.policy,
          SVC_CREATECLUSTER_CONF: machine.createcluster,
          SERVICES_HOME: path.join(machine.dir, 'services'),
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? -1), output: `${stdout}${stderr}` }),
    );
  });
}

const writePolicy = (machine: Machine, exitCode: number) => {
  writeFileSync(machine.policy, `#!/bin/sh\n# the machine's own\nexit ${exitCode}\n`);
  chmodSync(machine.policy, 0o755);
};

describe('svc_apt_install on a fresh Debian machine', () => {
  const machines: Machine[] = [];
  const machine = () => {
    const m = fakeMachine();
    machines.push(m);
    return m;
  };
  afterAll(() => {
    for (const m of machines) rmSync(m.dir, { recursive: true, force: true });
  });

  it('forbids daemon starts while it installs, then removes its policy-rc.d', async () => {
    const m = machine();
    expect(await aptInstall(m, ['redis-server', 'influxdb'])).toMatchObject({ code: 0 });
    expect(m.installs()).toEqual(['redis-server influxdb | 101 |']);
    expect(existsSync(m.policy)).toBe(false);
  });

  it('sets a policy that allows starts aside for the install and puts it back', async () => {
    const m = machine();
    writePolicy(m, 0);
    const before = readFileSync(m.policy, 'utf8');
    expect(await aptInstall(m, ['redis-server'])).toMatchObject({ code: 0 });
    expect(m.installs()).toEqual(['redis-server | 101 |']);
    expect(readFileSync(m.policy, 'utf8')).toBe(before);
  });

  it('leaves a policy that already forbids starts as it is', async () => {
    const m = machine();
    writePolicy(m, 101);
    const before = readFileSync(m.policy, 'utf8');
    expect(await aptInstall(m, ['influxdb'])).toMatchObject({ code: 0 });
    expect(m.installs()).toEqual(['influxdb | 101 |']);
    expect(readFileSync(m.policy, 'utf8')).toBe(before);
  });

  it('installs postgresql-common first, then PostgreSQL with create_main_cluster = false (no cluster on 5432)', async () => {
    const m = machine();
    expect(await aptInstall(m, ['postgresql'])).toMatchObject({ code: 0 });
    expect(m.installs()).toEqual(['postgresql-common | 101 |', 'postgresql | 101 | create_main_cluster = false']);
  });

  it('turns an existing create_main_cluster setting, commented or not, into false', async () => {
    for (const line of ['#create_main_cluster = true', 'create_main_cluster = true']) {
      const m = machine();
      mkdirSync(path.dirname(m.createcluster), { recursive: true });
      writeFileSync(m.createcluster, `# postgresql-common settings\n${line}\nstart_conf = 'auto'\n`);
      writeFileSync(path.join(m.dir, 'installed'), 'postgresql-common\n');
      expect(await aptInstall(m, ['postgresql'])).toMatchObject({ code: 0 });
      expect(m.installs()).toEqual(['postgresql | 101 | create_main_cluster = false']);
      expect(readFileSync(m.createcluster, 'utf8')).toBe("# postgresql-common settings\ncreate_main_cluster = false\nstart_conf = 'auto'\n");
    }
  });

  it('removes its policy-rc.d also when the install fails, and says which packages failed', async () => {
    const m = machine();
    const result = await aptInstall(m, ['influxdb'], { FAKE_APT_FAIL: '1' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/could not install influxdb/);
    expect(existsSync(m.policy)).toBe(false);
  });

  it('does nothing when every package is installed', async () => {
    const m = machine();
    writeFileSync(path.join(m.dir, 'installed'), 'redis-server\n');
    expect(await aptInstall(m, ['redis-server'])).toMatchObject({ code: 0 });
    expect(m.installs()).toEqual([]);
    expect(existsSync(m.policy)).toBe(false);
  });
});
