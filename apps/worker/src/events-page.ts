import { eventTypesByAggregate } from '@pj/domain';
import { notificationSummary } from '@pj/notifications';
import { readModelProjections } from '@pj/projections';
import { reactionSummaries } from './process-manager/reactions';

const hasReaction = (type: string): type is keyof typeof reactionSummaries =>
  Object.prototype.hasOwnProperty.call(reactionSummaries, type);

/**
 * docs/events.md, one hop from an event's name: which aggregate decides it, which read models
 * project it and what the process manager starts or signals for it. Built from the typed tables
 * themselves (the domain's event lists, the projections' event types, the reactions), so the page
 * cannot say what the code does not do; events-page.unit.spec.ts fails when it is out of date.
 */
export function eventsPage(): string {
  const lines = [
    '# Events',
    '',
    '<!-- Generated from the code by apps/worker/src/events-page.ts: do not edit by hand.',
    '     Regenerate with `EVENTS_PAGE=write npm test -- events-page`. -->',
    '',
    'Every event the domain records, by the aggregate whose decider decides it (its causes and fields',
    'are in the [domain catalogue](domain.md)); the read models that project it',
    '(libs/projections); and what the process manager does when it is recorded',
    '(apps/worker/src/process-manager/reactions.ts). A workflow hears of an event only through that',
    'reaction: it is started, or signalled. "Tells" is who is notified of it, and of which kind',
    '(libs/notifications/src/rules.ts): by mail, webhook and in-app inbox.',
  ];
  for (const [aggregate, types] of Object.entries(eventTypesByAggregate)) {
    lines.push(
      '',
      `## Decided by the ${aggregate}`,
      '',
      '| Event | Projected by | Reaction | Tells |',
      '| --- | --- | --- | --- |',
    );
    for (const type of types) {
      const projectedBy = readModelProjections
        .filter((projection) => projection.eventTypes?.has(type) ?? true)
        .map((projection) => projection.name);
      const reaction = hasReaction(type) ? reactionSummaries[type] : '';
      lines.push(
        `| [\`${type}\`](domain.md#${type.toLowerCase()}) | ${projectedBy.join(', ') || '—'} | ${reaction || '—'} | ${notificationSummary(type) ?? '—'} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
