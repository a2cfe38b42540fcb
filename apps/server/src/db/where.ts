/**
 * Conditions over many ids as ONE bind parameter (`= any($1::uuid[])`), never one parameter per
 * id: PostgreSQL refuses more than 65,535 parameters, and a whole subtree's members or meetings
 * easily pass that; one array is also one plan for any number of ids.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

export function anyUuid(column: PgColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::uuid[])`;
}
