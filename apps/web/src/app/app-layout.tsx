import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../api/endpoints.ts';
import { keys } from '../api/queries.ts';
import { useNotices } from '../features/notices/notice-queries.ts';
import { hasAnyPermission, hasPermission } from '../lib/permissions.ts';
import { LanguageSwitch, LargeTextToggle } from './header-controls.tsx';
import { useSession } from './session.tsx';

interface NavItem {
  to: string;
  label: string;
  /** Unread count shown beside the label (notices). */
  badge?: number;
}

/** The signed-in frame: header, navigation built from permissions, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const notices = useNotices();

  // On a phone the menu covers the page: close it once the user has picked a page.
  useEffect(() => close(), [location.pathname, close]);

  const logoutMutation = useMutation({
    mutationFn: logout,
    onSettled: async () => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, null);
      await navigate('/dang-nhap', { replace: true });
    },
  });

  const items: NavItem[] = [{ to: '/', label: t('nav.home') }];
  if (hasAnyPermission(me, ['oversight.read', 'org.manage'])) items.push({ to: '/to-chuc', label: t('nav.organizations') });
  items.push({ to: '/thong-bao', label: t('notices.nav'), badge: notices.data?.unread ?? 0 });
  if (hasPermission(me, 'audit.read')) items.push({ to: '/nhat-ky', label: t('nav.audit') });
  items.push({ to: '/tai-khoan', label: t('nav.account') });

  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));
  const logoutLabel = t('header.logout');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#noi-dung" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="menu-chinh"
            />
            <UnstyledButton component={Link} to="/" aria-label={`${t('app.name')} — ${t('nav.home')}`}>
              <Text component="span" fw={700} size="lg" c="red.9" style={{ whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Text size="sm" visibleFrom="sm" truncate="end" maw={240} title={t('header.signedInAs', { name: me.account.displayName })}>
              {me.account.displayName}
            </Text>
            <LanguageSwitch />
            <LargeTextToggle />
            <Button
              variant="default"
              size="compact-md"
              visibleFrom="sm"
              loading={logoutMutation.isPending}
              onClick={() => logoutMutation.mutate()}
            >
              {logoutLabel}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" id="menu-chinh" aria-label={t('nav.label')} className="app-navbar" mod={{ closed: !opened }}>
        <AppShell.Section grow>
          {items.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              rightSection={
                item.badge ? (
                  <Badge color="red.9" size="md" radius="xl" data-testid="unread-badge">
                    {item.badge}
                    <VisuallyHidden> {t('notices.unread')}</VisuallyHidden>
                  </Badge>
                ) : undefined
              }
              styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
              active={isActive(item.to)}
              aria-current={isActive(item.to) ? 'page' : undefined}
              variant="light"
            />
          ))}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Stack gap="xs" p="xs">
            <Text size="sm">{t('header.signedInAs', { name: me.account.displayName })}</Text>
            <Button variant="default" loading={logoutMutation.isPending} onClick={() => logoutMutation.mutate()}>
              {logoutLabel}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="noi-dung" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** A page's one h1, with the browser tab title kept in step. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${children} · ${t('app.name')}`;
  }, [children, t]);
  return (
    <Title order={1} size="h2" mb="md">
      {children}
    </Title>
  );
}
