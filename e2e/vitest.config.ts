import { sharedVitestConfig } from '../vitest.shared.js';

export default sharedVitestConfig({
  globalSetup: ['./test/global-setup.ts'],
  fileParallelism: false,
  testTimeout: 120_000,
});
