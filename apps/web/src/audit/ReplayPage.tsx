import { Alert, Button, Card, Code, Group, Loader, Slider, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { components } from '../api/schema';
import { usePageTitle } from '../layout/usePageTitle';
import { saveAttachment } from './downloads';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats';
import { Verdict } from './Verdict';

type TimelineEntry = components['schemas']['TimelineEntry'];
interface Change {
  readonly type: 'CREATE' | 'REMOVE' | 'CHANGE';
  readonly path: readonly (string | number)[];
  readonly oldValue?: unknown;
  readonly value?: unknown;
}
interface Provenance {
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly eventId: string;
  readonly recordedAt?: string;
  readonly actor?: { id: string; role: string };
  readonly actorKind?: string;
}

const shown = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));
const numberParam = (value: string | null) => (value !== null && /^\d+$/.test(value) ? Number(value) : undefined);

/** A slider over the case's revisions that moves the URL only when let go, so each stop is one read. */
function RevisionSlider(props: { label: string; value: number; max: number; onChange: (revision: number) => void }) {
  const [moving, setMoving] = useState(props.value);
  useEffect(() => setMoving(props.value), [props.value]);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${props.label}-label`}>
        {`${props.label}: ${moving} of ${props.max}`}
      </Text>
      <Slider
        min={0}
        max={props.max}
        step={1}
        value={moving}
        onChange={setMoving}
        onChangeEnd={props.onChange}
        thumbLabel={props.label}
        label={(value) => `revision ${value}`}
        marks={props.max <= 40 ? Array.from({ length: props.max + 1 }, (_, value) => ({ value })) : undefined}
      />
    </Stack>
  );
}

/**
 * The auditor's replay of one case: the state at any revision (a slider over the case's events),
 * what changed since another revision, the causation chain of any event of the case, its
 * verification and its downloads. Reads only.
 */
export function ReplayPage() {
  usePageTitle('Replay');
  const { caseId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const path = { caseId };

  const latest = useQuery({
    queryKey: ['audit', caseId, 'state', 'latest'],
    queryFn: async () => dataOf(await api.GET('/audit/cases/{caseId}/state', { params: { path } })),
  });
  const last = latest.data?.revision ?? 0;
  const revision = Math.min(numberParam(params.get('revision')) ?? last, last);
  const compare = Math.min(numberParam(params.get('compare')) ?? 0, last);
  const move = (name: string, value: number) => {
    const next = new URLSearchParams(params);
    next.set(name, String(value));
    setParams(next, { replace: true });
  };

  const state = useQuery({
    queryKey: ['audit', caseId, 'state', revision],
    enabled: latest.isSuccess,
    queryFn: async () =>
      dataOf(await api.GET('/audit/cases/{caseId}/state', { params: { path, query: { revision } } })),
  });
  const diff = useQuery({
    queryKey: ['audit', caseId, 'diff', compare, revision],
    enabled: latest.isSuccess,
    queryFn: async () =>
      dataOf(
        await api.GET('/audit/cases/{caseId}/diff', {
          params: { path, query: { fromRevision: compare, toRevision: revision } },
        }),
      ),
  });
  const timeline = useInfiniteQuery({
    queryKey: ['audit', caseId, 'timeline'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(
        await api.GET('/cases/{caseId}/timeline', {
          params: { path, query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.page.nextCursor ?? undefined,
  });
  const events: TimelineEntry[] = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const eventAt = (at: number) =>
    events.find((entry) => entry.aggregate === 'procurementCase' && entry.revision === at);

  const [why, setWhy] = useState<TimelineEntry>();
  const causation = useQuery({
    queryKey: ['audit', 'causation', why?.eventId],
    enabled: why !== undefined,
    queryFn: async () =>
      dataOf(await api.GET('/audit/events/{eventId}/causation', { params: { path: { eventId: why!.eventId } } })),
  });
  const verification = useMutation({
    mutationFn: async () => dataOf(await api.GET('/audit/cases/{caseId}/verification', { params: { path } })),
  });
  const [saved, setSaved] = useState<string>();
  const download = useMutation({
    mutationFn: async (format: ExportFormat) =>
      saveAttachment(
        await api.GET('/audit/cases/{caseId}/export', { params: { path, query: { format } }, parseAs: 'blob' }),
        `${caseId}.${format === 'jsonl' ? 'jsonl' : 'json'}`,
      ),
    onSuccess: setSaved,
  });

  if (latest.isPending) return <Loader aria-label="Loading the case" />;
  if (latest.isError)
    return (
      <Alert color="red" title="The case could not be replayed">
        {latest.error.message}
      </Alert>
    );
  const changes = (diff.data?.changes ?? []) as unknown as Change[];
  const atRevision = eventAt(revision);
  const title = (latest.data.state as { title?: string }).title;

  return (
    <Stack>
      <Title order={1}>Replay{title ? `: ${title}` : ''}</Title>
      <Text size="sm">{latest.data.streamId}</Text>

      <Card withBorder component="section" aria-labelledby="moment-heading">
        <Stack>
          <Title order={2} size="h3" id="moment-heading">
            The case at a moment
          </Title>
          <RevisionSlider label="Revision" value={revision} max={last} onChange={(value) => move('revision', value)} />
          {atRevision && (
            <Text size="sm" aria-label="Event at this revision">
              {`${atRevision.eventType} by ${atRevision.actor.id} (${atRevision.actor.role}), ${new Date(atRevision.recordedAt).toLocaleString()}`}
            </Text>
          )}
          {state.isError && <Alert color="red">{state.error.message}</Alert>}
          {state.data && (
            <Code block aria-label={`State at revision ${state.data.revision}`} tabIndex={0}>
              {JSON.stringify(state.data.state, null, 2)}
            </Code>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="diff-heading">
        <Stack>
          <Title order={2} size="h3" id="diff-heading">
            {`What changed from revision ${compare} to revision ${revision}`}
          </Title>
          <RevisionSlider
            label="Compare with revision"
            value={compare}
            max={last}
            onChange={(value) => move('compare', value)}
          />
          {diff.isError && <Alert color="red">{diff.error.message}</Alert>}
          {diff.isSuccess && changes.length === 0 && <Text>No change between these two moments.</Text>}
          {changes.length > 0 && (
            <Table aria-label="Changes" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Change</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={`${change.type}:${change.path.join('.')}`}>
                    <Table.Td>{change.type.toLowerCase()}</Table.Td>
                    <Table.Td>
                      <Code>{change.path.join('.')}</Code>
                    </Table.Td>
                    <Table.Td>{shown(change.oldValue)}</Table.Td>
                    <Table.Td>{shown(change.value)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="history-heading">
        <Stack>
          <Title order={2} size="h3" id="history-heading">
            History
          </Title>
          {timeline.isError && <Alert color="red">{timeline.error.message}</Alert>}
          {events.length > 0 && (
            <Table aria-label="History" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Of</Table.Th>
                  <Table.Th>Revision</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((entry) => (
                  <Table.Tr key={entry.eventId}>
                    <Table.Td>{entry.eventType}</Table.Td>
                    <Table.Td>
                      {entry.aggregate === 'procurementCase' ? 'case' : `${entry.aggregate} ${entry.sourceId}`}
                    </Table.Td>
                    <Table.Td>{entry.revision}</Table.Td>
                    <Table.Td>{`${entry.actor.id} (${entry.actor.role})`}</Table.Td>
                    <Table.Td>{new Date(entry.recordedAt).toLocaleString()}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setWhy(entry)}
                        aria-label={`Causation of ${entry.eventType} at revision ${entry.revision}`}
                      >
                        Causation
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {timeline.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void timeline.fetchNextPage()}
              loading={timeline.isFetchingNextPage}
            >
              More events
            </Button>
          )}
          {why && (
            <Stack gap="xs" aria-live="polite">
              <Title order={3} size="h4">{`Causation chain of ${why.eventType}`}</Title>
              {causation.isPending && <Loader aria-label="Loading the causation chain" />}
              {causation.isError && <Alert color="red">{causation.error.message}</Alert>}
              {causation.data && (
                <Table aria-label="Causation chain">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Step</Table.Th>
                      <Table.Th>Event</Table.Th>
                      <Table.Th>Stream and revision</Table.Th>
                      <Table.Th>Who</Table.Th>
                      <Table.Th>When</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {causation.data.map((step, index) => {
                      const provenance = step.provenance as unknown as Provenance;
                      return (
                        <Table.Tr key={provenance.eventId}>
                          <Table.Td>{index === 0 ? 'this event' : `caused ${index === 1 ? 'it' : 'that'}`}</Table.Td>
                          <Table.Td>{provenance.type}</Table.Td>
                          <Table.Td>{`${provenance.streamId} @ ${provenance.revision}`}</Table.Td>
                          <Table.Td>
                            {provenance.actor ? `${provenance.actor.id} (${provenance.actor.role})` : '—'}
                          </Table.Td>
                          <Table.Td>
                            {provenance.recordedAt ? new Date(provenance.recordedAt).toLocaleString() : '—'}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="check-heading">
        <Stack>
          <Title order={2} size="h3" id="check-heading">
            Verify and download
          </Title>
          <Group>
            <Button onClick={() => verification.mutate()} loading={verification.isPending}>
              Verify this case
            </Button>
          </Group>
          {verification.isError && <Alert color="red">{verification.error.message}</Alert>}
          {verification.data && (
            <Verdict ok={verification.data.ok} okTitle="The case’s history is intact">
              <Text size="sm">{`${verification.data.eventsChecked} events checked.`}</Text>
              {(
                verification.data.issues as unknown as {
                  kind: string;
                  streamId: string;
                  revision?: number;
                  detail?: string;
                }[]
              ).map((issue) => (
                <Text size="sm" key={`${issue.kind}:${issue.streamId}:${issue.revision}`}>
                  {`${issue.kind}: ${issue.streamId} at revision ${issue.revision ?? '—'}${issue.detail ? ` (${issue.detail})` : ''}`}
                </Text>
              ))}
            </Verdict>
          )}
          <Group>
            {EXPORT_FORMATS.map(({ value, label }) => (
              <Button
                key={value}
                variant="default"
                onClick={() => download.mutate(value)}
                loading={download.isPending && download.variables === value}
              >
                {`Download ${label.replace(/ \(.*\)$/, '')}`}
              </Button>
            ))}
          </Group>
          {saved && <Text size="sm">Saved {saved}</Text>}
          {download.isError && <Alert color="red">{download.error.message}</Alert>}
        </Stack>
      </Card>
    </Stack>
  );
}
