/**
 * The contract's method names and default language, for code that needs them without zod: derived
 * from the spec (spec.ts) into compiled-spec.ts by scripts/compile-schemas.mjs.
 */
export { CONTRACT_METHODS, DEFAULT_LANGUAGE, SOFTPHONE_METHODS } from './compiled-spec.js';
