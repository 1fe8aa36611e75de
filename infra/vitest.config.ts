import { sharedVitestConfig } from '../vitest.shared.js';

export default sharedVitestConfig({ fileParallelism: false, testTimeout: 120_000, hookTimeout: 240_000 });
