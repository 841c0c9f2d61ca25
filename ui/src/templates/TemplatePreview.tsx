import type { ReactNode } from 'react';

/**
 * Small preview pictures for the built-in templates, drawn here in SVG (no image files, no
 * network). Each one sketches what the template makes, on the canvas's dark dotted ground.
 */
const W = 320;
const H = 200;

function Ground({ id, tint }: { id: string; tint: string }) {
  return (
    <>
      <defs>
        <radialGradient id={`tp-glow-${id}`} cx="50%" cy="35%" r="75%">
          <stop offset="0" stopColor={tint} stopOpacity="0.28" />
          <stop offset="1" stopColor={tint} stopOpacity="0" />
        </radialGradient>
        <pattern id={`tp-dots-${id}`} width="16" height="16" patternUnits="userSpaceOnUse">
          <circle cx="1.5" cy="1.5" r="1" fill="#2a2e3a" />
        </pattern>
      </defs>
      <rect width={W} height={H} fill="#0e0f14" />
      <rect width={W} height={H} fill={`url(#tp-dots-${id})`} />
      <rect width={W} height={H} fill={`url(#tp-glow-${id})`} />
    </>
  );
}

/** A node card: dark body, a header strip in the node kind's colour. */
function Card({
  x,
  y,
  w,
  h,
  color,
  children,
}: {
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  children?: ReactNode;
}) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx="6" fill="#181a21" stroke="#2b303c" />
      <rect x={x} y={y} width={w} height="7" rx="3" fill={color} opacity="0.9" />
      {children}
    </g>
  );
}

function Wire({ d, color }: { d: string; color: string }) {
  return <path d={d} fill="none" stroke={color} strokeWidth="2" strokeLinecap="round" opacity="0.85" />;
}

function Lines({
  x,
  y,
  widths,
  color = '#6c7385',
}: {
  x: number;
  y: number;
  widths: number[];
  color?: string;
}) {
  return (
    <>
      {widths.map((w, i) => (
        <rect key={i} x={x} y={y + i * 8} width={w} height="3.5" rx="1.75" fill={color} />
      ))}
    </>
  );
}

function Blank() {
  return (
    <>
      <Ground id="blank" tint="#7c6cff" />
      <rect
        x="96"
        y="52"
        width="128"
        height="96"
        rx="12"
        fill="none"
        stroke="#4b5163"
        strokeWidth="2"
        strokeDasharray="7 6"
      />
      <path d="M160 82v36M142 100h36" stroke="#a0a6b5" strokeWidth="4" strokeLinecap="round" />
    </>
  );
}

function PromptToVideo() {
  return (
    <>
      <Ground id="ptv" tint="#ff7aa8" />
      <Card x={22} y={70} w={78} h={60} color="#f4b860">
        <Lines x={30} y={88} widths={[58, 50, 36]} />
      </Card>
      <Wire d="M100 100 C115 100 110 84 124 84" color="#f4b860" />
      <Card x={124} y={52} w={84} h={70} color="#8b7bff">
        <rect x="130" y="64" width="72" height="50" rx="3" fill="#233047" />
        <path d="M130 114 L152 90 L166 102 L178 92 L202 114Z" fill="#5ea8ff" opacity="0.8" />
        <circle cx="188" cy="76" r="5" fill="#f7d774" />
      </Card>
      <Wire d="M208 87 C222 87 218 110 232 110" color="#5ea8ff" />
      <Card x={232} y={82} w={70} h={58} color="#ff7aa8">
        <rect x="238" y="94" width="58" height="40" rx="3" fill="#2a1d2a" />
        <path d="M260 104v20l16-10Z" fill="#ff7aa8" />
      </Card>
    </>
  );
}

function Bottle({ x, y, glass, cap }: { x: number; y: number; glass: string; cap: string }) {
  return (
    <g>
      <rect x={x + 9} y={y} width="10" height="12" rx="2" fill={cap} />
      <rect x={x} y={y + 11} width="28" height="44" rx="7" fill={glass} />
      <rect x={x + 5} y={y + 26} width="18" height="14" rx="2" fill="#f4ecdf" opacity="0.85" />
      <rect x={x + 4} y={y + 15} width="4" height="34" rx="2" fill="#ffffff" opacity="0.25" />
    </g>
  );
}

function ProductVariations() {
  const tiles = [
    { x: 30, bg: '#e9ebf0', shadow: '#c9ccd4' },
    { x: 122, bg: '#d9c7ae', shadow: '#b39c7e' },
    { x: 214, bg: '#1b1d24', shadow: '#000000' },
  ];
  return (
    <>
      <Ground id="pv" tint="#8b7bff" />
      <rect
        x="20"
        y="34"
        width="280"
        height="136"
        rx="10"
        fill="none"
        stroke="#6366f1"
        strokeOpacity="0.6"
        strokeWidth="1.5"
      />
      <rect x="20" y="22" width="64" height="14" rx="4" fill="#6366f1" opacity="0.75" />
      {tiles.map((tile) => (
        <g key={tile.x}>
          <rect x={tile.x} y="46" width="76" height="112" rx="6" fill={tile.bg} />
          <ellipse cx={tile.x + 38} cy="142" rx="22" ry="4" fill={tile.shadow} opacity="0.6" />
          <Bottle x={tile.x + 24} y={84} glass="#c77a2a" cap="#c9a45c" />
        </g>
      ))}
    </>
  );
}

function StoryboardToVideo() {
  const frames = [0, 1, 2, 3];
  const skies = ['#f3a65a', '#e58c57', '#7b84b8', '#48507a'];
  return (
    <>
      <Ground id="sb" tint="#f4b860" />
      <rect x="16" y="38" width="288" height="84" rx="6" fill="#121318" stroke="#2b303c" />
      {[...Array(18)].map((_, i) => (
        <g key={i}>
          <rect x={22 + i * 16} y="42" width="8" height="5" rx="1" fill="#2f3442" />
          <rect x={22 + i * 16} y="113" width="8" height="5" rx="1" fill="#2f3442" />
        </g>
      ))}
      {frames.map((i) => (
        <g key={i}>
          <rect x={24 + i * 70} y="52" width="62" height="56" rx="3" fill={skies[i]} />
          <rect x={24 + i * 70} y="88" width="62" height="20" fill="#e9e4da" opacity="0.85" />
          <circle cx={46 + i * 70 + i * 4} cy="84" r="4" fill="#d5342f" />
          <path d={`M${38 + i * 74} 90h16`} stroke="#2b2b2b" strokeWidth="2" />
        </g>
      ))}
      <Wire d="M160 122 C160 136 200 136 200 150" color="#5ea8ff" />
      <rect
        x="172"
        y="150"
        width="88"
        height="36"
        rx="6"
        fill="#181a21"
        stroke="#ff7aa8"
        strokeOpacity="0.7"
      />
      <path d="M206 159v18l14-9Z" fill="#ff7aa8" />
      <g stroke="#4fd1c5" strokeWidth="2.4" strokeLinecap="round">
        <path d="M272 162v12M280 156v24M288 164v8M296 159v18" />
      </g>
    </>
  );
}

function MoodBoard() {
  return (
    <>
      <Ground id="mb" tint="#f97316" />
      <rect
        x="16"
        y="18"
        width="200"
        height="166"
        rx="10"
        fill="none"
        stroke="#f97316"
        strokeOpacity="0.55"
        strokeWidth="1.5"
      />
      <g transform="rotate(-4 70 70)">
        <rect x="30" y="32" width="80" height="64" rx="4" fill="#c4693f" />
        <path d="M30 80 q20 -14 40 0 t40 0 v16 h-80Z" fill="#9d4f2c" />
      </g>
      <g transform="rotate(3 150 66)">
        <rect x="114" y="34" width="88" height="62" rx="4" fill="#9fb49a" />
        <circle cx="176" cy="54" r="10" fill="#e9e0cc" />
      </g>
      <g transform="rotate(2 70 140)">
        <rect x="28" y="108" width="84" height="64" rx="4" fill="#e8dfcc" />
        <path d="M36 160 l18 -26 l14 16 l10 -10 l24 20Z" fill="#2b2d33" opacity="0.75" />
      </g>
      <g transform="rotate(-5 162 142)">
        <rect x="122" y="112" width="80" height="60" rx="3" fill="#f7c66a" />
        <Lines x={130} y={124} widths={[56, 48, 60, 30]} color="#6d5421" />
      </g>
      <g transform="rotate(-25 206 160)">
        <path d="M206 176 C190 160 196 140 212 132 C222 148 220 166 206 176Z" fill="#7fa36f" />
        <path d="M206 176 C206 160 208 148 212 134" stroke="#4e6b44" strokeWidth="1.4" fill="none" />
      </g>
      <Wire d="M216 100 C236 100 232 100 246 100" color="#5ea8ff" />
      <Card x={246} y={58} w={60} h={84} color="#8b7bff">
        <rect x="252" y="72" width="48" height="62" rx="3" fill="#c4693f" />
        <rect x="252" y="103" width="48" height="31" fill="#9fb49a" />
        <rect x="276" y="72" width="24" height="31" fill="#e8dfcc" />
      </Card>
    </>
  );
}

function Figure({ x, turn }: { x: number; turn: 'front' | 'side' | 'back' }) {
  const hair = '#c8cbd4';
  const suit = '#2d3d6b';
  return (
    <g>
      <circle cx={x} cy="58" r="13" fill={turn === 'back' ? hair : '#e6b596'} />
      {turn !== 'back' && (
        <path
          d={
            turn === 'side'
              ? `M${x - 13} 54 a13 13 0 0 1 24 -6 l-6 2Z`
              : `M${x - 13} 56 a13 13 0 0 1 26 0 q-13 -8 -26 0Z`
          }
          fill={hair}
        />
      )}
      {turn === 'front' && <rect x={x - 9} y="44" width="18" height="5" rx="2.5" fill="#c9a45c" />}
      <rect
        x={x - (turn === 'side' ? 9 : 15)}
        y="74"
        width={turn === 'side' ? 18 : 30}
        height="46"
        rx="8"
        fill={suit}
      />
      <rect
        x={x - (turn === 'side' ? 7 : 13)}
        y="118"
        width={turn === 'side' ? 14 : 11}
        height="44"
        rx="5"
        fill={suit}
      />
      {turn !== 'side' && <rect x={x + 2} y="118" width="11" height="44" rx="5" fill={suit} />}
    </g>
  );
}

function CharacterSheet() {
  return (
    <>
      <Ground id="cs" tint="#22c55e" />
      <rect
        x="112"
        y="24"
        width="196"
        height="152"
        rx="10"
        fill="none"
        stroke="#22c55e"
        strokeOpacity="0.55"
        strokeWidth="1.5"
      />
      <rect x="24" y="30" width="76" height="140" rx="6" fill="#1c1f27" stroke="#2b303c" />
      <Figure x={62} turn="front" />
      <rect x="124" y="30" width="54" height="140" rx="6" fill="#1c1f27" />
      <Figure x={151} turn="side" />
      <rect x="186" y="30" width="54" height="140" rx="6" fill="#1c1f27" />
      <Figure x={213} turn="back" />
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <g key={i}>
          <circle cx={260 + (i % 2) * 22} cy={52 + Math.floor(i / 2) * 40} r="9" fill="#e6b596" />
          <path
            d={
              i % 2
                ? `M${254 + (i % 2) * 22} ${55 + Math.floor(i / 2) * 40} q6 -4 12 0`
                : `M${254 + (i % 2) * 22} ${54 + Math.floor(i / 2) * 40} q6 6 12 0`
            }
            stroke="#5b3b2b"
            strokeWidth="1.6"
            fill="none"
          />
        </g>
      ))}
    </>
  );
}

function PodcastCover() {
  const bars = [10, 18, 26, 14, 30, 22, 12, 24, 32, 16, 20, 28, 12, 18, 8];
  return (
    <>
      <Ground id="pc" tint="#7c6cff" />
      <defs>
        <linearGradient id="tp-pc-cover" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#3a1f6b" />
          <stop offset="1" stopColor="#c2346f" />
        </linearGradient>
      </defs>
      <rect x="26" y="24" width="132" height="132" rx="10" fill="url(#tp-pc-cover)" />
      <rect x="40" y="38" width="80" height="10" rx="3" fill="#ffe3f1" opacity="0.9" />
      <rect x="40" y="52" width="52" height="6" rx="3" fill="#ffe3f1" opacity="0.55" />
      <rect x="78" y="74" width="28" height="46" rx="14" fill="#f4f1f8" />
      <path
        d="M70 100a22 22 0 0 0 44 0M92 122v14M80 138h24"
        stroke="#f4f1f8"
        strokeWidth="4"
        fill="none"
        strokeLinecap="round"
      />
      <g stroke="#4fd1c5" strokeWidth="4" strokeLinecap="round">
        {bars.map((h, i) => (
          <path key={i} d={`M${180 + i * 8} ${78 - h / 2}v${h}`} />
        ))}
      </g>
      <g stroke="#f4b860" strokeWidth="4" strokeLinecap="round" opacity="0.85">
        {bars.slice(0, 12).map((h, i) => (
          <path key={i} d={`M${180 + i * 10} ${140 - h / 3}v${(h * 2) / 3}`} />
        ))}
      </g>
      <text x="180" y="186" fontSize="11" fill="#a0a6b5" fontFamily="system-ui, sans-serif">
        voice · theme
      </text>
    </>
  );
}

const ART: Record<string, () => ReactNode> = {
  blank: Blank,
  'prompt-to-video': PromptToVideo,
  'product-variations': ProductVariations,
  'storyboard-to-video': StoryboardToVideo,
  'mood-board': MoodBoard,
  'character-sheet': CharacterSheet,
  'podcast-cover': PodcastCover,
};

export function TemplatePreview({ id }: { id: string }) {
  const Art = ART[id] ?? Blank;
  // `data-preview` names the picture drawn: a template without its own shows the blank one.
  return (
    <svg
      className="template-card__art"
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
      focusable="false"
      data-preview={id in ART ? id : 'blank'}
    >
      <Art />
    </svg>
  );
}
