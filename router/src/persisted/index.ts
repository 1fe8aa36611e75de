export { type KnownOperation, loadManifests, manifestProblems, sha256Hex } from './manifest.js';
export { type PartnerKey, PartnerKeyStore } from './partner-keys.js';
export { partnerKeysCommand, UsageError } from './partner-keys-command.js';
