import type { MenuItem } from '../components/Menu';
import type { ExportChoice } from './export-canvas';

/**
 * The Export menu: every format on desktop; in the browser what it can make itself (PNG, JSON).
 * `view`: the PNG is of what the editor shows (else of the whole canvas).
 */
export function exportMenuItems(
  desktop: boolean,
  onExport: (choice: ExportChoice) => void,
  options: { view?: boolean } = {},
): MenuItem[] {
  const png: MenuItem = {
    id: 'png',
    label: options.view ? 'PNG of the view' : 'PNG image',
    icon: 'image',
    testId: 'export-png',
    onSelect: () => onExport('png'),
  };
  const json: MenuItem = {
    id: 'json',
    label: 'JSON (.json)',
    icon: 'text',
    testId: 'export-json',
    onSelect: () => onExport('json'),
  };
  if (!desktop) return [png, json];
  return [
    {
      id: 'koda',
      label: 'Koda bundle (.koda)',
      icon: 'archive',
      testId: 'export-koda',
      onSelect: () => onExport('koda'),
    },
    {
      id: 'canvas',
      label: 'JSON Canvas (.canvas)',
      icon: 'layers',
      testId: 'export-canvas',
      onSelect: () => onExport('canvas'),
    },
    png,
    json,
  ];
}
