/**
 * Koda web's text nodes hold plain text (older canvases) or HTML from its rich text editor (newer
 * ones). Koda shows and edits them as plain text; an edit of an HTML text is written back as
 * simple paragraphs, so Koda web still renders it as rich text.
 */

const TAG = /<\/?(p|br|div|span|strong|b|em|i|u|s|h[1-6]|ul|ol|li|blockquote|code|pre|a|mark)\b[^>]*>/i;

/** Whether a text node's content is HTML from the rich text editor. */
export function isHtml(content: string): boolean {
  return content.trimStart().startsWith('<') && TAG.test(content);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The plain text of a content string: HTML paragraphs and line breaks become new lines. */
export function htmlToText(content: string): string {
  if (!isHtml(content)) return content;
  const text = content
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<\/(p|div|h[1-6]|li|blockquote|pre)>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(text).replace(/\n$/, '');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as the rich text editor's HTML: one paragraph per line. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}
