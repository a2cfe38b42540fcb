import { useCallback, useEffect } from 'react';
import { useLocalStorage } from '@mantine/hooks';

/**
 * Large text for elderly members: every Mantine size is in rem, so raising the root font
 * size scales the whole UI (text, inputs, spacing) at once.
 */
const STORAGE_KEY = 'chibo.largeText';
const LARGE_ROOT_FONT_SIZE = '125%';

export function applyLargeText(on: boolean): void {
  document.documentElement.style.fontSize = on ? LARGE_ROOT_FONT_SIZE : '';
  document.documentElement.dataset.largeText = on ? 'true' : 'false';
}

/** Read once at boot, before React renders, so the first paint already has the right size. */
export function applyStoredLargeText(): void {
  try {
    applyLargeText(localStorage.getItem(STORAGE_KEY) === 'true');
  } catch {
    applyLargeText(false);
  }
}

export function useLargeText(): [boolean, () => void] {
  const [on, setOn] = useLocalStorage<boolean>({
    key: STORAGE_KEY,
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  const toggle = useCallback(() => setOn((v) => !v), [setOn]);
  return [on, toggle];
}

/** Keeps <html> in step with the stored choice; mount once near the root. */
export function useApplyLargeText(): void {
  const [on] = useLargeText();
  useEffect(() => applyLargeText(on), [on]);
}
