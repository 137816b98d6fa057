/**
 * Registers the elements: `import 'softphone-bridge/ui/define'`. The only module of the UI with a
 * side effect; `softphone-bridge/ui` exports the classes for pages that pick their own tag names.
 * A tag already taken (the script loaded twice) is left as it is.
 */
import { SbBridgeStatus } from './bridge-status.js';
import { SbCallButton } from './call-button.js';
import { SbSoftphone } from './softphone.js';

/** The tags this module defines, with their classes. */
export const ELEMENTS = {
  'sb-softphone': SbSoftphone,
  'sb-bridge-status': SbBridgeStatus,
  'sb-call-button': SbCallButton,
} as const;

for (const [tag, element] of Object.entries(ELEMENTS)) {
  if (customElements.get(tag) === undefined) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'sb-softphone': SbSoftphone;
    'sb-bridge-status': SbBridgeStatus;
    'sb-call-button': SbCallButton;
  }
}
