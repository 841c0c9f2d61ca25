import { snippetParts } from '../storage/search-text';

/** A hit's snippet with the matched words in <mark>. */
export function SnippetText({ snippet }: { snippet: string }) {
  return (
    <>{snippetParts(snippet).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>
  );
}
