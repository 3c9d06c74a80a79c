/**
 * The options page's notice that the organisation manages the rules (src/packs/managed.ts): by
 * whom, whether its pack is in use, and, when it cannot be used, why, with every problem listed
 * for the IT admin. Nothing here overrides the policy.
 */
import type { ManagedStatus } from '../../packs/managed';
import { formatProblem } from '../../rules/problems';

export function ManagedRules({
  status,
  t,
}: {
  status: ManagedStatus;
  t: (key: string, params?: Record<string, string | number>) => string;
}) {
  const by = status.by ?? t('ui.managed.someone');
  return (
    <section aria-labelledby="managed-rules" data-testid="managed-rules">
      <h3 id="managed-rules">{t('ui.managed.title')}</h3>
      <p data-testid="managed-by">{t('ui.managed.by', { name: by })}</p>
      {status.packEntryId && <p data-testid="managed-in-use">{t('ui.managed.inUse')}</p>}
      {status.locked && <p data-testid="managed-locked">{t('ui.managed.locked')}</p>}
      {status.problems.length > 0 && (
        <div role="alert" data-testid="managed-failed">
          <p>{t('ui.managed.failed', { name: by })}</p>
          <ul class="cg-problems">
            {status.problems.map((p) => (
              <li key={formatProblem(p)}>
                <code>{formatProblem(p)}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
