import { Button, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';
import { useLargeText } from '../lib/large-text.ts';

/** Switches to the other language; the button is named in the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'vi' ? 'en' : 'vi';
  const label = t(`language.${other}`);
  return (
    <Tooltip label={label} withinPortal>
      <Button
        variant="default"
        size="compact-md"
        lang={other}
        aria-label={label}
        onClick={() => setLanguage(other)}
      >
        {other.toUpperCase()}
      </Button>
    </Tooltip>
  );
}

/** Toggles large text; aria-pressed tells a screen reader whether it is on. */
export function LargeTextToggle() {
  const { t } = useTranslation();
  const [on, toggle] = useLargeText();
  return (
    <Tooltip label={t('header.largeText')} withinPortal>
      <Button
        variant={on ? 'filled' : 'default'}
        size="compact-md"
        aria-label={t('header.largeText')}
        aria-pressed={on}
        onClick={toggle}
      >
        <span aria-hidden="true">A+</span>
      </Button>
    </Tooltip>
  );
}
