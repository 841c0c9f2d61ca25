import { Modal } from '../components/Modal';
import { isMac } from './shortcuts';

const mod = isMac ? '⌘' : 'Ctrl';
const shift = isMac ? '⇧' : 'Shift';

const alt = isMac ? '⌥' : 'Alt';

const GROUPS: { title: string; items: [string, string[][]][] }[] = [
  {
    title: 'Edit',
    items: [
      ['Undo', [[mod, 'Z']]],
      [
        'Redo',
        [
          [mod, shift, 'Z'],
          ['Ctrl', 'Y'],
        ],
      ],
      ['Copy', [[mod, 'C']]],
      ['Cut', [[mod, 'X']]],
      ['Paste nodes or a copied image', [[mod, 'V']]],
      ['Duplicate', [[mod, 'D']]],
      ['Delete', [['Del'], ['⌫']]],
      ['Group selection', [[mod, 'G']]],
      ['Ungroup', [[mod, shift, 'G']]],
      ['Cut connections', [[alt, 'Drag across']]],
    ],
  },
  {
    title: 'Select',
    items: [
      ['Select all', [[mod, 'A']]],
      ['Add to selection', [[shift, 'Click']]],
      ['Select an area', [['Drag'], [shift, 'Drag']]],
      ['Clear selection', [['Esc']]],
    ],
  },
  {
    title: 'Tools',
    items: [
      ['Select tool', [['V']]],
      ['Pan tool', [['H']]],
      ['Pan with any tool', [['Space', 'Drag'], ['Scroll']]],
    ],
  },
  {
    title: 'View',
    items: [
      ['Zoom in', [[mod, '+']]],
      ['Zoom out', [[mod, '−']]],
      ['Zoom with the pointer', [[mod, 'Scroll']]],
      ['Fit everything', [[shift, '1']]],
      ['Zoom to selection', [[shift, '2']]],
    ],
  },
  {
    title: 'Canvas',
    items: [
      ['Add a node here', [['Right-click']]],
      ['Search every canvas', [[mod, 'K']]],
      ['Settings', [[mod, ',']]],
      ['Version history', [[mod, shift, 'H']]],
      ['Show shortcuts', [['?']]],
    ],
  },
];

/** The keyboard cheat sheet, opened with `?` or the keyboard button. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <div className="shortcuts">
        {GROUPS.map((group) => (
          <section key={group.title} className="shortcuts__group">
            <h3 className="shortcuts__title">{group.title}</h3>
            {group.items.map(([label, combos]) => (
              <div key={label} className="shortcuts__row">
                <span>{label}</span>
                <span className="shortcuts__keys">
                  {combos.map((combo, i) => (
                    <span key={i} className="shortcuts__combo">
                      {i > 0 && <span className="shortcuts__or">or</span>}
                      {combo.map((key) => (
                        <kbd key={key} className="kbd">
                          {key}
                        </kbd>
                      ))}
                    </span>
                  ))}
                </span>
              </div>
            ))}
          </section>
        ))}
      </div>
    </Modal>
  );
}
