import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { DEFAULT_TIME_ZONE, type CellType, type OrganizationKind, type OrganizationSettings } from '@chibo/core';

/**
 * The party organization tree. `path` is the materialized path of ids ('/<root>/<child>/'),
 * so "everything under X" is one indexed prefix query (text_pattern_ops makes LIKE 'p%' use it).
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id),
    path: text('path').notNull().unique(),
    depth: integer('depth').notNull(),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    name: text('name').notNull(),
    cellType: text('cell_type').$type<CellType>(),
    timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
    /** Settings this organization sets itself; the rest are inherited (core effectiveSettings). */
    settings: jsonb('settings').$type<OrganizationSettings>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('organizations_path_prefix_idx').on(t.path.op('text_pattern_ops')),
    index('organizations_parent_idx').on(t.parentId),
    check('organizations_kind_chk', sql`${t.kind} in ('committee','grassroots_committee','sub_committee','grassroots_cell','cell')`),
  ],
);
