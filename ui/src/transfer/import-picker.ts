/**
 * The Import button's file picker, opened from code (the app menu's File → Import…): a file input
 * made for the occasion, taken away once files are chosen or the picker is cancelled.
 */
export function pickImportFiles(accept: string, onPicked: (files: File[]) => void): void {
  // One at a time: a picker an older WebView never reported back on goes first.
  document.querySelectorAll('[data-testid="menu-import-file"]').forEach((old) => old.remove());
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.multiple = true;
  input.hidden = true;
  input.dataset.testid = 'menu-import-file';
  input.addEventListener(
    'change',
    () => {
      const files = [...(input.files ?? [])];
      input.remove();
      if (files.length > 0) onPicked(files);
    },
    { once: true },
  );
  input.addEventListener('cancel', () => input.remove(), { once: true });
  document.body.append(input);
  input.click();
}
