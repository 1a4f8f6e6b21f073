import { Anchor, AppShell, Container, Group, NativeSelect, Title } from '@mantine/core';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet } from 'react-router';
import { chooseLanguage, LANGUAGES, languageName, workersI18n } from './i18n';

/**
 * The workers' pages, open without sign-in: the title, the two pages and the language menu. The
 * page's `lang` follows the language, so screen readers read it in the right voice.
 */
export function WorkerFrame() {
  return (
    <I18nextProvider i18n={workersI18n}>
      <Frame />
    </I18nextProvider>
  );
}

function Frame() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    return () => {
      document.documentElement.lang = 'en';
    };
  }, [i18n.language]);

  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Title order={2} size="h4">
              {t('frame.title')}
            </Title>
            <Group component="nav" aria-label={t('frame.navigation')} gap="md" wrap="nowrap">
              <Anchor component={RouterLink} to="/grievance" end>
                {t('frame.file')}
              </Anchor>
              <Anchor component={RouterLink} to="/grievance/status">
                {t('frame.status')}
              </Anchor>
              <NativeSelect
                aria-label={t('frame.language')}
                value={i18n.language}
                onChange={(event) => chooseLanguage(event.currentTarget.value)}
                data={LANGUAGES.map((language) => ({ value: language, label: languageName(language) }))}
              />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="sm">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
