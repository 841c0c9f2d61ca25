import { useRef, type KeyboardEvent } from 'react';
import { Icon } from '../components/Icon';
import { nextSection, PANEL_ID, tabId, type SectionInfo, type SettingsSection } from './sections';

/**
 * The section list down the side of Settings: a vertical tab list. Up/Down (Home/End) move to
 * another section and show it; Tab leaves for the page. Only the current section is a Tab stop.
 */
export function SettingsNav({
  sections,
  current,
  onSelect,
}: {
  sections: readonly SectionInfo[];
  current: SettingsSection;
  onSelect: (section: SettingsSection) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const next = nextSection(
      sections.map((s) => s.id),
      current,
      event.key,
    );
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    list.current?.querySelector<HTMLElement>(`[data-section="${next}"]`)?.focus();
  };
  return (
    <div
      ref={list}
      className="settings-nav"
      role="tablist"
      aria-orientation="vertical"
      aria-label="Settings sections"
      data-testid="settings-nav"
      onKeyDown={onKeyDown}
    >
      {sections.map((section) => {
        const selected = section.id === current;
        return (
          <button
            key={section.id}
            type="button"
            role="tab"
            id={tabId(section.id)}
            className={`nav-item settings-nav__item${selected ? ' is-current' : ''}`}
            aria-selected={selected}
            aria-controls={PANEL_ID}
            tabIndex={selected ? 0 : -1}
            data-section={section.id}
            data-testid={`settings-nav-${section.id}`}
            // The dialog puts focus here when Settings opens: the arrows work at once.
            data-autofocus={selected ? '' : undefined}
            onClick={() => onSelect(section.id)}
          >
            <Icon name={section.icon} />
            <span>{section.title}</span>
          </button>
        );
      })}
    </div>
  );
}
