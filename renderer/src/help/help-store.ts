// Whether the "?" help is open; any view can open it, the overlay shows the current view's keys.
import { create } from 'zustand';
import { recordEvent } from '../test-events';

interface HelpState {
  readonly open: boolean;
  setOpen(open: boolean): void;
}

export const useHelpStore = create<HelpState>((set) => ({
  open: false,
  setOpen(open) {
    set({ open });
    if (open) recordEvent('help-opened');
  },
}));
