import { Paper, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A titled panel of label/value rows (a member's or a meeting's facts); rows without a value
 * are left out rather than shown empty.
 */
export function FactsPanel({ id, title, rows, labelWidth = '40%' }: { id: string; title: string; rows: readonly [string, ReactNode][]; labelWidth?: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={labelWidth}>{label}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
