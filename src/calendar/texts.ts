/**
 * The calendar file's and the CSV's texts in the partner's language, from messages.json
 * (`ui.data.ics*`, `ui.data.csv*`, `ui.data.actor*`).
 */
import { formatMessage } from '../i18n/format';
import type { RulePack } from '../rules/types';
import { type CsvColumn, utcMinute } from './csv';
import type { CalendarDeadline } from './deadlines';
import type { IcsTexts } from './ics';

const ACTOR_KEY = {
  partner: { ics: 'ui.data.icsActorPartner', csv: 'ui.data.actorPartner' },
  microsoft: { ics: 'ui.data.icsActorMicrosoft', csv: 'ui.data.actorMicrosoft' },
  customer: { ics: 'ui.data.icsActorCustomer', csv: 'ui.data.actorCustomer' },
} as const;

/** `ui`: the pack whose messages the page shows (the built-in one). */
export function icsTexts(ui: RulePack, locale: string): IcsTexts {
  const t = (key: string, params = {}) => formatMessage(ui, key, locale, params);
  return {
    calendarName: t('ui.data.icsName'),
    summary: (d) => t('ui.data.icsSummary', { label: d.label, claimId: d.claimId }),
    description: (d) =>
      [
        t('ui.data.icsClaim', { claimId: d.claimId }),
        t('ui.data.icsStatus', { status: d.status }),
        t(ACTOR_KEY[d.actor].ics),
        ...(d.estimated ? [t('ui.data.icsEstimated')] : []),
        ...(d.source
          ? [t(d.source.url ? 'ui.data.icsSource' : 'ui.data.icsSourceWithoutAddress', { ...d.source })]
          : []),
      ].join('\n'),
    alarm: (d) => t('ui.data.icsAlarm', { label: d.label, claimId: d.claimId }),
  };
}

export function csvColumns(ui: RulePack, locale: string): CsvColumn[] {
  const t = (key: string) => formatMessage(ui, key, locale);
  const column = (key: string, value: (d: CalendarDeadline) => string): CsvColumn => ({
    header: t(`ui.data.${key}`),
    value,
  });
  return [
    column('csvClaim', (d) => d.claimId),
    column('csvDeadline', (d) => d.label),
    column('csvStatus', (d) => d.status),
    column('csvActor', (d) => t(ACTOR_KEY[d.actor].csv)),
    column('csvDue', (d) => utcMinute(d.due)),
    column('csvAlarm', (d) => (d.alarm ? utcMinute(d.alarm.at) : '')),
    column('csvEstimated', (d) => t(d.estimated ? 'ui.data.csvYes' : 'ui.data.csvNo')),
    column('csvSource', (d) => d.source?.url ?? d.source?.title ?? ''),
  ];
}
