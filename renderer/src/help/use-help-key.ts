// "?" opens the help in every view and Esc closes it; kept apart from the views' own keys, and
// before them, so Esc on the help does not also close what is under it.
import { useEffect } from 'react';
import { useHelpStore } from './help-store';

export function useHelpKey(): void {
  useEffect(() => {
    const key = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest?.('input, select, textarea, [contenteditable="true"]');
      const help = useHelpStore.getState();
      if (event.key === '?' && !typing) help.setOpen(!help.open);
      else if (event.key === 'Escape' && help.open) help.setOpen(false);
      else return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    window.addEventListener('keydown', key, true);
    return () => window.removeEventListener('keydown', key, true);
  }, []);
}
