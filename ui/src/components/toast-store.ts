import { create } from 'zustand';

export interface ToastAction {
  label: string;
  onClick: () => void;
  testId?: string;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
  action?: ToastAction;
  durationMs: number;
}

interface ToastState {
  toasts: Toast[];
  show: (
    toast: Omit<Toast, 'id' | 'tone' | 'durationMs'> & Partial<Pick<Toast, 'tone' | 'durationMs'>>,
  ) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

/** How many toasts show at once: a new one pushes the oldest out. */
export const MAX_TOASTS = 3;

/** Short messages at the bottom of the window; each dismisses itself. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (toast) => {
    const id = nextId++;
    const full: Toast = { tone: 'info', durationMs: 4000, ...toast, id };
    // Keep the stack short: the newest MAX_TOASTS.
    set({ toasts: [...get().toasts.slice(-(MAX_TOASTS - 1)), full] });
    setTimeout(() => get().dismiss(id), full.durationMs);
    return id;
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export const showToast = (...args: Parameters<ToastState['show']>) => useToasts.getState().show(...args);
