import { defineProject } from 'vitest/config';
import { workspaceAlias } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: workspaceAlias },
  test: {
    name: 'tmdb',
    environment: 'node',
    // A loaded 2-core machine can take several seconds for the large-input tests; a hang still fails.
    testTimeout: 30_000,
    include: ['test/**/*.test.ts'],
  },
});
