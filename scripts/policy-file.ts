// `npm run policy-file -- <pack folder> --name "Contoso IT" [--unlocked] [--firefox]`: writes, to
// standard output, the enterprise policy file that pushes a rule pack to every cpor-guard in an
// organisation (README, "For IT admins"). The pack is checked first, as `npm run rules:check`
// does; a pack with problems gives no file, and the problems on standard error.
//
//   Chromium/Edge on Linux: save as /etc/chromium/policies/managed/cpor-guard.json (Chromium) or
//   /etc/opt/edge/policies/managed/cpor-guard.json (Edge); on Windows and macOS the same values go
//   under the extension's 3rdparty policy key.
//   Firefox (--firefox): the "policies" object of distribution/policies.json.
import { resolve } from 'node:path';
import { managedPolicyValue } from '../src/packs/managed';
import { checkPackDir } from '../src/rules/node/check-packs';
import { formatProblem } from '../src/rules/problems';

/** The Chromium build's id (the manifest's key, wxt.config.ts) and the Firefox build's (gecko id). */
const CHROMIUM_ID = 'kfldjgjiojpafodgmakpjomcjajbjefi';
const FIREFOX_ID = 'cpor-guard@cpor-guard.dev';

const USAGE =
  'usage: npm run policy-file -- <pack folder> --name "Contoso IT" [--unlocked] [--firefox] [--id <extension id>]';

function main(args: string[]): number {
  const positional: string[] = [];
  let name: string | null = null;
  let id: string | null = null;
  let locked = true;
  let firefox = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (arg === '--name') name = args[++k] ?? null;
    else if (arg === '--id') id = args[++k] ?? null;
    else if (arg === '--unlocked') locked = false;
    else if (arg === '--firefox') firefox = true;
    else if (arg.startsWith('--')) return fail(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 1 || !name?.trim()) return fail(USAGE);
  const root = process.cwd();
  const checked = checkPackDir(root, resolve(root, positional[0]!));
  if (checked.problems.length > 0) {
    return fail(
      `The pack in ${positional[0]} has ${checked.problems.length} problem(s); no policy file written:\n${checked.problems
        .map((p) => `  ${formatProblem(p)}`)
        .join('\n')}`,
    );
  }
  const value = managedPolicyValue(checked.files, name.trim(), locked);
  const policy = firefox
    ? { policies: { '3rdparty': { Extensions: { [id ?? FIREFOX_ID]: value } } } }
    : { '3rdparty': { extensions: { [id ?? CHROMIUM_ID]: value } } };
  process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
