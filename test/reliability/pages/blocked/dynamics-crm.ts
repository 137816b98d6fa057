/**
 * After dist/softphone-bridge.dynamics.iife.js, in the frame: the CIF library finishes loading
 * (`CIFInitDone` after the bundle ran, as when the library initialises late: widget.ts does the
 * same), and the phone calls the fake organisation holds for each conversation.
 */
import type { FakeCif } from '../../../fakes/fake-cif.js';
import { callsFor } from '../../../adapters/dynamics/harness.js';
import { exposeCrm, notesOf } from './crm.js';

const cif = (window as unknown as { relCif: FakeCif }).relCif;
setTimeout(() => cif.init(window), 50);
exposeCrm({
  records: (ids) => ids.map((id) => callsFor(cif, id).length),
  settled: (ids) => ids.every((id) => String(callsFor(cif, id)[0]?.['description'] ?? '').includes(notesOf(id))),
});
