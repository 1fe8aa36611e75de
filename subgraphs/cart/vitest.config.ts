import { sharedVitestConfig } from '../../vitest.shared.js';

export default sharedVitestConfig({ globalSetup: ['./test/global-setup.ts'] });
