import { sharedVitestConfig } from '../../vitest.shared.js';

export default sharedVitestConfig({
  globalSetup: ['./test/global-setup.ts'],
  // Test files share this run's database; run them one after another.
  fileParallelism: false,
});
