/** TEST_DATABASE_URL: a PostgreSQL server URL whose user may create databases. */
export function adminUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export function databaseUrlFor(name: string): string {
  const base = adminUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
