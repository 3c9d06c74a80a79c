/**
 * `npm run deps:check`: the dependency rules of .dependency-cruiser.cjs over src/ and
 * entrypoints/, through dependency-cruiser's API (its CLI refuses Node 20, which cpor-guard
 * supports). Prints each violation as `rule: from → to` and exits 1 when there is one.
 * `--self-test` checks that the rules catch what they are for, on a made-up graph.
 */
import { createRequire } from 'node:module';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

/** The violations of the rules among the modules under `paths`, relative to `baseDir` (the repository by default). */
export async function violationsOf(
  paths: string[],
  baseDir = process.cwd(),
): Promise<{ violations: IViolation[]; modules: number }> {
  const { enhancedResolveOptions, ...options } = config.options as {
    enhancedResolveOptions: Record<string, unknown>;
  };
  const result = await cruise(
    paths,
    {
      ...options,
      baseDir,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
      outputType: 'json',
    } as never,
    enhancedResolveOptions as never,
  );
  const output = (
    typeof result.output === 'string' ? JSON.parse(result.output) : result.output
  ) as ICruiseResult;
  return { violations: output.summary.violations, modules: output.summary.totalCruised };
}

function describe(violation: IViolation): string {
  const via = violation.cycle ? ` (cycle: ${violation.cycle.map((c) => c.name).join(' → ')})` : '';
  const path = violation.via ? ` (via ${violation.via.map((c) => c.name).join(' → ')})` : '';
  return `${violation.rule.name}: ${violation.from} → ${violation.to}${via}${path}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { violations, modules } = await violationsOf(['src', 'entrypoints']);
  for (const violation of violations) console.error(describe(violation));
  console.log(`${modules} modules cruised, ${violations.length} dependency rule violations`);
  if (modules < 100) {
    console.error('fewer than 100 modules were read: the parser missed sources');
    process.exit(1);
  }
  process.exit(violations.length > 0 ? 1 : 0);
}
