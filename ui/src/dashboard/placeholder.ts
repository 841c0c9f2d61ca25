/** Stable numbers from an id, so every canvas keeps its own colours. */
function hashString(value: string): number {
  let hash = 2166136261;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/** A calm two-hue gradient unique to the canvas id. */
export function placeholderGradient(id: string): string {
  const hash = hashString(id);
  const hue = hash % 360;
  const hue2 = (hue + 40 + ((hash >> 9) % 80)) % 360;
  const angle = 110 + ((hash >> 17) % 100);
  return `linear-gradient(${angle}deg, hsl(${hue} 62% 52% / 0.55), hsl(${hue2} 70% 46% / 0.35) 55%, hsl(${hue2} 60% 30% / 0.1))`;
}
