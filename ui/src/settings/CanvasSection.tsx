import { useApp } from '../app/app-store';
import { Switch } from '../components/Switch';
import { NumberField } from './NumberField';
import { Row, Section } from './SettingsLayout';

/** Settings → Canvas: snapping to the grid, its size, the minimap. */
export function CanvasSection() {
  const canvas = useApp((s) => s.settings.canvas);
  const updateSettings = useApp((s) => s.updateSettings);
  return (
    <Section>
      <Row label="Snap to grid" hint="Nodes align to the grid as you move them.">
        <Switch
          label="Snap to grid"
          testId="snap-to-grid"
          checked={canvas.snapToGrid}
          onChange={(snapToGrid) => updateSettings((s) => ({ ...s, canvas: { ...s.canvas, snapToGrid } }))}
        />
      </Row>
      <Row label="Grid size" hint="In pixels, 4–128." htmlFor="grid-size">
        <NumberField
          id="grid-size"
          testId="grid-size"
          value={canvas.gridSize}
          min={4}
          max={128}
          onCommit={(gridSize) => updateSettings((s) => ({ ...s, canvas: { ...s.canvas, gridSize } }))}
        />
      </Row>
      <Row label="Show minimap" hint="A small map of the whole canvas in the corner.">
        <Switch
          label="Show minimap"
          testId="show-minimap"
          checked={canvas.showMinimap}
          onChange={(showMinimap) => updateSettings((s) => ({ ...s, canvas: { ...s.canvas, showMinimap } }))}
        />
      </Row>
    </Section>
  );
}
