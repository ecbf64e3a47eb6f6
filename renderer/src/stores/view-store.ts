// Which view the main area shows; remembered across restarts so the app opens where it was left.
import { create } from 'zustand';

const KEY = 'facet.view';

interface ViewState {
  readonly current: string | null;
  show(id: string): void;
}

function remembered(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const useViewStore = create<ViewState>((set) => ({
  current: remembered(),
  show(id) {
    try {
      localStorage.setItem(KEY, id);
    } catch {
      // private mode or a full quota: the choice just is not remembered
    }
    set({ current: id });
  },
}));
