import { Anchor, Badge, Box, Group, Text } from '@mantine/core';
import { isCellKind, type OrganizationDto } from '@chibo/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

interface TreeNode {
  org: OrganizationDto;
  children: TreeNode[];
}

/**
 * Builds the tree from parentId. The list comes ordered by tree path, but its top is
 * whatever the caller may see (not necessarily depth 0): an organization whose parent is
 * not in the list is a root here.
 */
export function buildTree(items: readonly OrganizationDto[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const org of items) nodes.set(org.id, { org, children: [] });
  const roots: TreeNode[] = [];
  for (const org of items) {
    const node = nodes.get(org.id);
    if (node === undefined) continue;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function TreeItems({ nodes, level }: { nodes: TreeNode[]; level: number }) {
  const { t } = useTranslation();
  return (
    <Box
      component="ul"
      m={0}
      p={0}
      pl={level === 0 ? 0 : 'lg'}
      style={{
        listStyle: 'none',
        borderLeft: level === 0 ? undefined : '2px solid var(--mantine-color-gray-3)',
      }}
    >
      {nodes.map(({ org, children }) => (
        <li key={org.id}>
          <Group gap="xs" py={6} pl={level === 0 ? 0 : 'xs'} wrap="wrap">
            <Anchor
              component={Link}
              to={`/to-chuc/${org.id}`}
              fw={isCellKind(org.kind) ? 500 : 700}
              style={{ overflowWrap: 'anywhere' }}
            >
              {org.name}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {t(`org.kind.${org.kind}`)}
            </Text>
            {org.closedAt !== null && (
              <Badge color="gray" c="gray.9" variant="light" tt="none">
                {t('org.closed')}
              </Badge>
            )}
          </Group>
          {children.length > 0 && <TreeItems nodes={children} level={level + 1} />}
        </li>
      ))}
    </Box>
  );
}

export function OrganizationTree({ items, label }: { items: readonly OrganizationDto[]; label: string }) {
  return (
    <nav aria-label={label}>
      <TreeItems nodes={buildTree(items)} level={0} />
    </nav>
  );
}
