/** The Koda mark: two nodes and a link. */
export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <defs>
        <linearGradient id="koda-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#9a8cff" />
          <stop offset="1" stopColor="#6a55f5" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#koda-logo)" />
      <path
        d="M12.4 12.4 C16 12.4 16 19.6 19.6 19.6"
        fill="none"
        stroke="#fff"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
      <circle cx="10" cy="12" r="3.2" fill="#fff" />
      <circle cx="22" cy="20" r="3.2" fill="#fff" fillOpacity=".85" />
    </svg>
  );
}
