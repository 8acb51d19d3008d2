/** A bell, drawn with the text colour; decorative, the button carries the words. */
export function BellIcon() {
  return (
    <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M12 3.5a5.5 5.5 0 0 0-5.5 5.5v3.7L4.8 15.5a.9.9 0 0 0 .8 1.4h12.8a.9.9 0 0 0 .8-1.4l-1.7-2.8V9A5.5 5.5 0 0 0 12 3.5Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
      <path d="M9.8 19.3a2.3 2.3 0 0 0 4.4 0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
