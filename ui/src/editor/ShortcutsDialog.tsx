import { Modal } from '../components/Modal';
import { isMac } from './shortcuts';

const mod = isMac ? '⌘' : 'Ctrl';
const shift = isMac ? '⇧' : 'Shift';

const GROUPS: { title: string; items: [string, string[][]][] }[] = [
  {
    title: 'Edit',
    items: [
      ['Undo', [[mod, 'Z']]],
      ['Redo', [[mod, shift, 'Z'], ['Ctrl', 'Y']]],
      ['Copy', [[mod, 'C']]],
      ['Paste', [[mod, 'V']]],
      ['Duplicate', [[mod, 'D']]],
      ['Delete', [['Del'], ['⌫']]],
    ],
  },
  {
    title: 'Select',
    items: [
      ['Select all', [[mod, 'A']]],
      ['Add to selection', [[shift, 'Click']]],
      ['Select an area', [[shift, 'Drag']]],
      ['Clear selection', [['Esc']]],
    ],
  },
  {
    title: 'Canvas',
    items: [
      ['Add a node here', [['Right-click']]],
      ['Pan', [['Drag'], ['Scroll']]],
      ['Zoom', [[mod, 'Scroll']]],
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
