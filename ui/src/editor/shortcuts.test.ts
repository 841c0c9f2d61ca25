import { describe, expect, it } from 'vitest';
import { commandFor, isTypingTarget } from './shortcuts';

const key = (k: string, mods: Partial<Record<'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, ...mods });

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

  it('ignores plain letters and unrelated combinations', () => {
    expect(commandFor(key('z'))).toBeNull();
    expect(commandFor(key('c', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(commandFor(key('Backspace', { ctrlKey: true }))).toBeNull();
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
