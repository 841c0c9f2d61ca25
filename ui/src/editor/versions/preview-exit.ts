/**
 * "Back to current" for code outside the editor (the search palette opening a hit): the editor
 * loads on its own, so they cannot import the version preview without loading React Flow. The
 * preview registers its `showCurrent` when it loads; before that no version can be on screen.
 */
let exit: (() => void) | null = null;

export function registerShowCurrent(showCurrent: () => void): void {
  exit = showCurrent;
}

/** Puts the canvas back if a version is shown for a look; nothing when the editor never loaded. */
export function showCurrentIfLoaded(): void {
  exit?.();
}
