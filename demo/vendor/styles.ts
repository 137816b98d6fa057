/**
 * The vendor panels' stylesheet, adopted as a constructed sheet: the demo pages forbid inline
 * styles (`style-src 'self'`), and the demo server only serves stylesheets from `demo/` itself,
 * so a `<style>` element or a new .css file would not apply. Rules are scoped by the `vs-` prefix.
 */
const CSS = `
.vs-panel { display: grid; gap: .75rem; min-width: 280px; max-width: 400px; color-scheme: light dark; }
.vs-panel h2 { margin: 0; font-size: 1.05rem; }
.vs-sub { margin: 0; font-size: .85rem; opacity: .8; }
.vs-status { margin: 0; padding: .4rem .6rem; border-radius: 6px; background: color-mix(in srgb, currentColor 8%, transparent); overflow-wrap: anywhere; }
.vs-group { display: grid; gap: .5rem; min-width: 0; margin: 0; padding: .5rem .6rem; border: 1px solid color-mix(in srgb, currentColor 25%, transparent); border-radius: 6px; }
.vs-group legend { padding: 0 .25rem; font-weight: 600; }
.vs-field { display: grid; gap: .15rem; font-size: .85rem; }
.vs-field input, .vs-field select { box-sizing: border-box; width: 100%; min-width: 0; padding: .3rem .4rem; font: inherit; }
.vs-check { display: flex; gap: .4rem; align-items: flex-start; font-size: .85rem; }
.vs-controls { display: grid; gap: .75rem; }
.vs-buttons { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); align-items: start; gap: .4rem; }
.vs-button { display: grid; min-height: 2.5rem; padding: .35rem .6rem; border-radius: 6px; font: inherit; text-align: left; cursor: pointer; }
.vs-button:disabled { cursor: not-allowed; opacity: .5; }
.vs-button:focus-visible, .vs-trace-list:focus-visible { outline: 3px solid Highlight; outline-offset: 2px; }
.vs-hint { font-family: ui-monospace, monospace; font-size: .72rem; opacity: .8; overflow-wrap: anywhere; }
.vs-trace-list { display: grid; gap: .35rem; max-height: 22rem; margin: 0; padding: 0; overflow: auto; list-style: none; }
.vs-entry { padding: .2rem .5rem; border-left: 3px solid color-mix(in srgb, currentColor 40%, transparent); font-size: .8rem; overflow-wrap: anywhere; }
.vs-entry[data-source="crm"] { border-left-color: light-dark(#1d5fb8, #7fb2ff); }
.vs-entry[data-source="server"] { border-left-color: light-dark(#7a4ab0, #c6a4f0); }
.vs-event { font-weight: 600; }
.vs-step { display: block; padding-left: .75rem; font-family: ui-monospace, monospace; }
.vs-step[data-verdict="accepted"] { color: light-dark(#1e6b2f, #8fd19e); }
.vs-step[data-verdict="refused"], .vs-step[data-kind="report"] { color: light-dark(#a32020, #ff9d9d); }
`;

let sheet: CSSStyleSheet | undefined;

/** Adds the panels' stylesheet to the document or shadow root that holds `node` (once). */
export function adoptPanelStyles(node: Node): void {
  const root = node.getRootNode();
  if (!(root instanceof Document) && !(root instanceof ShadowRoot)) return;
  if (sheet === undefined) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
