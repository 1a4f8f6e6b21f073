import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { dataOf } from '../api/problem';
import type { operations } from '../api/schema';
import { usePageTitle } from '../layout/usePageTitle';
import { useSession } from '../session/session';
import { PHASES, phaseLabel, type Phase } from './phases';

type BoardQuery = NonNullable<operations['CaseReadsController_list']['parameters']['query']>;
const RISK_LEVELS = ['low', 'medium', 'high'] as const;

/** The case board (GET /cases): counts by phase, a phase and risk filter, search; filters live in the URL. */
export function CaseBoardPage() {
  usePageTitle('Case board');
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const phase = (params.get('phase') ?? undefined) as Phase | undefined;
  const riskLevel = (params.get('riskLevel') ?? undefined) as BoardQuery['riskLevel'];
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query: BoardQuery = { phase, riskLevel, ...(q ? { q } : {}), limit: 50 };

  const setFilter = (name: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const board = useInfiniteQuery({
    queryKey: ['cases', query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/cases', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
  });
  const counts = board.data?.pages[0]?.phases ?? {};
  const cases = board.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Case board</Title>
        {session?.user.role === 'contract_manager' && (
          <Button component={Link} to="/cases/new">
            New case
          </Button>
        )}
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} role="group" aria-label="Cases by phase">
        {PHASES.map(({ value, label }) => (
          <UnstyledButton
            key={value}
            onClick={() => setFilter('phase', phase === value ? undefined : value)}
            aria-pressed={phase === value}
          >
            <Card withBorder padding="sm" bg={phase === value ? 'blue.0' : undefined}>
              <Text size="sm">{label}</Text>
              <Text fw={700} size="xl">
                {counts[value] ?? 0}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>

      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Title"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setFilter('q', event.currentTarget.value.trim());
          }}
        />
        <Select
          label="Phase"
          clearable
          data={PHASES.map(({ value, label }) => ({ value, label }))}
          value={phase ?? null}
          onChange={(value) => setFilter('phase', value)}
        />
        <Select
          label="Risk level"
          clearable
          data={[...RISK_LEVELS]}
          value={riskLevel ?? null}
          onChange={(value) => setFilter('riskLevel', value)}
        />
      </Group>

      {board.isPending && <Loader aria-label="Loading cases" />}
      {board.isError && (
        <Alert color="red" title="The case board could not be read">
          {board.error.message}
        </Alert>
      )}
      {board.isSuccess && cases.length === 0 && <Text>No case matches.</Text>}
      {cases.length > 0 && (
        <Table striped highlightOnHover aria-label="Cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Phase</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th>Supplier</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cases.map((item) => (
              <Table.Tr key={item.caseId}>
                <Table.Td>{item.title}</Table.Td>
                <Table.Td>{phaseLabel(item.phase)}</Table.Td>
                <Table.Td>
                  {item.riskLevel ? <Badge color="gray">{item.riskLevel}</Badge> : <Text size="sm">screening</Text>}
                </Table.Td>
                <Table.Td>{item.supplierId ?? '—'}</Table.Td>
                <Table.Td>{new Date(item.updatedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {board.hasNextPage && (
        <Button variant="default" onClick={() => void board.fetchNextPage()} loading={board.isFetchingNextPage}>
          More cases
        </Button>
      )}
    </Stack>
  );
}
