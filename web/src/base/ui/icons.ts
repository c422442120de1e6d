// Inline SVG icons (static, trusted markup). Decorative: hidden from assistive technology.
const PATHS = {
  calendar:
    '<rect x="3" y="4.5" width="18" height="16" rx="2"/><path d="M3 9.5h18M8 2.5v4M16 2.5v4"/>',
  document:
    '<path d="M14 2.5H6.5a2 2 0 0 0-2 2v15a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V8z"/><path d="M14 2.5V8h5.5M8.5 13h7M8.5 17h7"/>',
  globe:
    '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18"/>',
  logout: '<path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3M10 17l5-5-5-5M15 12H3"/>',
  alert: '<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>',
  star: '<path d="M12 3.2l2.6 5.6 6.1.7-4.5 4.2 1.2 6-5.4-3.1-5.4 3.1 1.2-6-4.5-4.2 6.1-.7z"/>',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  return svgIcon(PATHS[name], className);
}

/** A 24×24 stroked icon from static path markup; features keep their own sets of paths. */
export function svgIcon(paths: string, className = 'icon'): SVGSVGElement {
  const template = document.createElement('template');
  template.innerHTML =
    `<svg class="${className}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" ` +
    `focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" ` +
    `stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
  return template.content.firstElementChild as SVGSVGElement;
}
