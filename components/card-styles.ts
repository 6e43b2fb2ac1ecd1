/**
 * The card's styles. They live in the card's shadow root, adopted as a constructed sheet
 * (a page's CSP cannot block it), and use px, never rem: rem follows the page's root size.
 */
export const CARD_CSS = `
:host { all: initial; }
.layer { position: fixed; inset: 0 auto auto 0; z-index: 2147483647; pointer-events: none; }
.card {
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b57d0; --chip: #eef2f8;
  pointer-events: auto; position: fixed; top: 0; left: 0; box-sizing: border-box;
  width: min(400px, calc(100vw - 16px)); max-height: min(520px, calc(100vh - 16px), var(--room, 520px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 10px;
  box-shadow: 0 8px 28px rgba(0,0,0,.22);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: start; letter-spacing: normal; word-spacing: normal; text-transform: none; white-space: normal;
  animation: appear .12s ease-out;
}
:host([data-theme="dark"]) .card {
  --bg: #1f2328; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --accent: #79b8ff; --chip: #2d333b;
}
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme="light"])) .card {
    --bg: #1f2328; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --accent: #79b8ff; --chip: #2d333b;
  }
}
@keyframes appear { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
*, *::before, *::after { box-sizing: border-box; }
header { display: flex; align-items: flex-start; gap: 8px; padding: 12px 12px 8px 14px; border-bottom: 1px solid var(--line); }
.titles { flex: 1; min-width: 0; }
h2 { margin: 0; font-size: 16px; line-height: 1.3; font-weight: 650; }
h3 { margin: 12px 0 4px; font-size: 12px; font-weight: 650; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { margin: 6px 0; }
.titles p { margin: 2px 0 0; font-size: 12px; }
.body { overflow: auto; padding: 4px 14px 10px; overscroll-behavior: contain; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
ul, ol { margin: 4px 0; padding-inline-start: 18px; }
li { margin: 2px 0; }
.timeline, .agencies, .people, .chips, .notes { list-style: none; padding: 0; }
.timeline li { display: block; padding-inline-start: 0; }
.timeline time { font-variant-numeric: tabular-nums; color: var(--muted); margin-inline-end: 6px; white-space: nowrap; }
.people ul { list-style: disc; padding-inline-start: 18px; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chips li { margin: 0; }
.chips .link { background: var(--chip); border-radius: 12px; padding: 2px 8px; }
dl.facts { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: 2px 10px; margin: 8px 0; }
dl.facts div { display: contents; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
button { font: inherit; color: inherit; }
button.link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-align: start; text-decoration: underline; text-underline-offset: 2px; }
button.icon { background: none; border: 1px solid transparent; border-radius: 6px; width: 28px; height: 28px; font-size: 18px; line-height: 1; cursor: pointer; color: var(--muted); flex: none; }
button.icon:hover { border-color: var(--line); color: var(--fg); }
sup.cite { font-size: 10px; margin-inline-start: 2px; }
sup.cite a { text-decoration: none; margin-inline-start: 1px; }
details.sources { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 6px; }
details.sources summary { cursor: pointer; color: var(--muted); font-size: 12px; }
details.sources li { font-size: 12px; }
.outcome { background: var(--chip); border-radius: 6px; padding: 6px 8px; }
footer { padding: 6px 14px; font-size: 11px; border-top: 1px solid var(--line); }
.status { padding: 16px; }
`;
