import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sectionsFor, type SettingsSection } from './sections';
import { SettingsNav } from './SettingsNav';

afterEach(cleanup);

/** The list as Settings uses it: the selection lives above it and follows `onSelect`. */
function Harness({
  desktop = true,
  onSelect,
}: {
  desktop?: boolean;
  onSelect?: (s: SettingsSection) => void;
}) {
  const [current, setCurrent] = useState<SettingsSection>('general');
  return (
    <SettingsNav
      sections={sectionsFor(desktop)}
      current={current}
      onSelect={(section) => {
        onSelect?.(section);
        setCurrent(section);
      }}
    />
  );
}

const tab = (id: string) => screen.getByTestId(`settings-nav-${id}`);
const selected = () =>
  screen
    .getAllByRole('tab')
    .filter((t) => t.getAttribute('aria-selected') === 'true')
    .map((t) => t.dataset.section);

describe('the settings section list', () => {
  it('is a vertical tab list with one Tab stop, the current section', () => {
    render(<Harness />);
    expect(screen.getByRole('tablist').getAttribute('aria-orientation')).toBe('vertical');
    expect(screen.getAllByRole('tab')).toHaveLength(8);
    expect(selected()).toEqual(['general']);
    expect(tab('general').tabIndex).toBe(0);
    expect(tab('canvas').tabIndex).toBe(-1);
    expect(tab('general').getAttribute('aria-controls')).toBe('settings-panel');
  });

  it('moves with Down and Up, showing each section and taking focus along', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    tab('general').focus();
    fireEvent.keyDown(tab('general'), { key: 'ArrowDown' });
    expect(onSelect).toHaveBeenLastCalledWith('canvas');
    expect(selected()).toEqual(['canvas']);
    expect(document.activeElement).toBe(tab('canvas'));
    expect(tab('canvas').tabIndex).toBe(0);
    expect(tab('general').tabIndex).toBe(-1);
    fireEvent.keyDown(tab('canvas'), { key: 'ArrowDown' });
    expect(selected()).toEqual(['ai']);
    fireEvent.keyDown(tab('ai'), { key: 'ArrowUp' });
    expect(selected()).toEqual(['canvas']);
    expect(document.activeElement).toBe(tab('canvas'));
  });

  it('wraps round at either end, and Home/End go to the ends', () => {
    render(<Harness />);
    fireEvent.keyDown(tab('general'), { key: 'ArrowUp' });
    expect(selected()).toEqual(['backups']);
    fireEvent.keyDown(tab('backups'), { key: 'ArrowDown' });
    expect(selected()).toEqual(['general']);
    fireEvent.keyDown(tab('general'), { key: 'End' });
    expect(selected()).toEqual(['backups']);
    fireEvent.keyDown(tab('backups'), { key: 'Home' });
    expect(selected()).toEqual(['general']);
  });

  it('leaves other keys (and ⌘-arrows) alone', () => {
    const onSelect = vi.fn();
    render(<Harness onSelect={onSelect} />);
    fireEvent.keyDown(tab('general'), { key: 'ArrowRight' });
    fireEvent.keyDown(tab('general'), { key: 'a' });
    fireEvent.keyDown(tab('general'), { key: 'ArrowDown', metaKey: true });
    expect(onSelect).not.toHaveBeenCalled();
    expect(selected()).toEqual(['general']);
  });

  it('selects a section on a click', () => {
    render(<Harness />);
    fireEvent.click(tab('cloud-sync'));
    expect(selected()).toEqual(['cloud-sync']);
  });

  it('lists only what works in a browser there, and moves within it', () => {
    render(<Harness desktop={false} />);
    expect(screen.getAllByRole('tab').map((t) => t.dataset.section)).toEqual([
      'general',
      'canvas',
      'ai',
      'storage',
    ]);
    fireEvent.keyDown(tab('general'), { key: 'ArrowUp' });
    expect(selected()).toEqual(['storage']);
  });
});
