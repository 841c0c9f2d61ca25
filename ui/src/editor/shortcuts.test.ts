import { describe, expect, it } from 'vitest';
import { commandFor, isTypingTarget } from './shortcuts';

type Mods = Partial<Record<'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey', boolean>> & { code?: string };
const key = (k: string, mods: Mods = {}) => ({
  key: k,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('commandFor', () => {
  it('maps the editor shortcuts on both platforms', () => {
    expect(commandFor(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandFor(key('z', { metaKey: true }))).toBe('undo');
    expect(commandFor(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(commandFor(key('y', { ctrlKey: true }))).toBe('redo');
    expect(commandFor(key('c', { ctrlKey: true }))).toBe('copy');
    expect(commandFor(key('v', { metaKey: true }))).toBe('paste');
    expect(commandFor(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(commandFor(key('a', { metaKey: true }))).toBe('selectAll');
    expect(commandFor(key('Delete'))).toBe('delete');
    expect(commandFor(key('Backspace'))).toBe('delete');
    expect(commandFor(key('?', { shiftKey: true }))).toBe('help');
  });

  it('maps cut, group and ungroup like Koda web', () => {
    expect(commandFor(key('x', { metaKey: true }))).toBe('cut');
    expect(commandFor(key('x', { ctrlKey: true }))).toBe('cut');
    expect(commandFor(key('g', { metaKey: true }))).toBe('group');
    expect(commandFor(key('G', { metaKey: true, shiftKey: true }))).toBe('ungroup');
    expect(commandFor(key('g', { ctrlKey: true, shiftKey: true }))).toBe('ungroup');
  });

  it('zooms with ⌘+ / ⌘−, fits with ⇧1 and ⇧2 whatever the layout types', () => {
    expect(commandFor(key('=', { metaKey: true }))).toBe('zoomIn');
    expect(commandFor(key('+', { ctrlKey: true, shiftKey: true }))).toBe('zoomIn');
    expect(commandFor(key('-', { metaKey: true }))).toBe('zoomOut');
    expect(commandFor(key('Subtract', { ctrlKey: true, code: 'NumpadSubtract' }))).toBe('zoomOut');
    expect(commandFor(key('!', { shiftKey: true, code: 'Digit1' }))).toBe('fitView');
    expect(commandFor(key('@', { shiftKey: true, code: 'Digit2' }))).toBe('zoomToSelection');
    expect(commandFor(key('"', { shiftKey: true, code: 'Digit2' }))).toBe('zoomToSelection');
    expect(commandFor(key('1', { code: 'Digit1' }))).toBeNull();
  });

  it('switches tools with V and H, never with ⌘V', () => {
    expect(commandFor(key('v'))).toBe('selectTool');
    expect(commandFor(key('h'))).toBe('panTool');
    expect(commandFor(key('V', { shiftKey: true }))).toBeNull();
    expect(commandFor(key('v', { metaKey: true }))).toBe('paste');
  });

  it('ignores plain letters and unrelated combinations', () => {
    expect(commandFor(key('z'))).toBeNull();
    expect(commandFor(key('c', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(commandFor(key('Backspace', { ctrlKey: true }))).toBeNull();
    expect(commandFor(key('c', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(commandFor(key('v', { altKey: true }))).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('is true for text fields and false for buttons', () => {
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    const text = document.createElement('input');
    expect(isTypingTarget(text)).toBe(true);
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(isTypingTarget(box)).toBe(false);
    expect(isTypingTarget(document.createElement('button'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
