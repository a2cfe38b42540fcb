import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { OrganizationDto } from '@chibo/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Kind and cell type in words; the organization's name is the caller's heading. */
export function OrganizationFacts({ org }: { org: OrganizationDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Badge variant="outline" color="red.9" tt="none" size="lg" radius="sm">
          {t(`org.kind.${org.kind}`)}
        </Badge>
        {org.closedAt !== null && (
          <Badge variant="filled" color="gray.8" tt="none" size="lg" radius="sm">
            {t('org.closed')}
          </Badge>
        )}
      </Group>
      {org.cellType && (
        <Text size="sm">
          {t('org.cellTypeLabel')}: {t(`org.cellType.${org.cellType}`)}
        </Text>
      )}
    </Stack>
  );
}

/** A card heading an organization on the home page (h2 under the page's h1). */
export function OrganizationCard({ org, children }: { org: OrganizationDto; children?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`org-${org.id}`}>
      <Stack gap="md">
        <Stack gap={6}>
          <Title order={2} size="h3" id={`org-${org.id}`} style={{ overflowWrap: 'anywhere' }}>
            {org.name}
          </Title>
          <OrganizationFacts org={org} />
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}
