import { describe, expect, it } from 'vitest';
import { htmlToText, isHtml, textToHtml } from './rich-text';

describe('rich text', () => {
  it('tells HTML from plain text', () => {
    expect(isHtml('<p>Hello</p>')).toBe(true);
    expect(isHtml('a < b and <3')).toBe(false);
    expect(isHtml('<not a tag')).toBe(false);
  });

  it('reads HTML as plain text, paragraphs as lines', () => {
    expect(htmlToText('<p>Wide <strong>shot</strong> &amp; fog</p><p>35&nbsp;mm</p>')).toBe(
      'Wide shot & fog\n35 mm',
    );
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('• one\n• two');
    expect(htmlToText('plain <3')).toBe('plain <3');
  });

  it('writes typed text back as paragraphs that read the same', () => {
    for (const text of ['one', 'a & b <c>', 'line\n\nafter a gap', 'ends with a new line\n'])
      expect(htmlToText(textToHtml(text))).toBe(text);
    expect(textToHtml('a\nb')).toBe('<p>a</p><p>b</p>');
  });
});
